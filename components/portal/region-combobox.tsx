"use client";

import { useId, useMemo, useState, type KeyboardEvent } from "react";
import { cx } from "@/components/ui/cx";
import { useListboxNavigation } from "@/components/ui/listbox-navigation";
import { useHydrated } from "@/components/ui/use-hydrated";
import { searchRegions } from "@/lib/portal/region-search";
import {
  findRegion,
  normaliseRegionId,
  regionDisplayName,
  regionLabel,
  type SnowflakeRegion,
} from "@/lib/snowflake/regions";

const display = (region: SnowflakeRegion | undefined) => (region ? regionLabel(region.id) : "");

/**
 * Snowflake region picker: an editable ARIA 1.2 combobox over a listbox. Type to filter (id, cloud region,
 * city or cloud), arrows to move, Enter to choose, Escape to close. The chosen id is submitted through a
 * hidden input; typing an exact id (as CURRENT_REGION() prints it) and leaving the field also chooses it.
 * Read-only until hydrated: text typed into the server's HTML is not seen by React, and Enter there would
 * submit the bare form (a test that types as soon as the page loads hits exactly that).
 */
export function RegionCombobox({
  name,
  value,
  onChange,
  labelId,
  describedBy,
  invalid,
  inputId,
}: {
  name: string;
  value: string;
  onChange: (regionId: string) => void;
  labelId: string;
  describedBy?: string;
  invalid?: boolean;
  inputId: string;
}) {
  const listId = useId();
  const selected = findRegion(value);
  const [text, setText] = useState(display(selected));
  const [open, setOpen] = useState(false);
  const hydrated = useHydrated();

  // Re-sync the text when the value changes from outside (the paste box fills the region).
  const [syncedValue, setSyncedValue] = useState(value);
  if (syncedValue !== value) {
    setSyncedValue(value);
    setText(display(findRegion(value)));
  }

  const query = text === display(selected) ? "" : text;
  const options = useMemo(() => searchRegions(query), [query]);
  const { active, setActive, listRef, onNavigationKey } = useListboxNavigation(options.length);

  function choose(region: SnowflakeRegion) {
    onChange(region.id);
    setSyncedValue(region.id);
    setText(display(region));
    setOpen(false);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (onNavigationKey(event, open, setOpen)) return;
    switch (event.key) {
      case "Enter":
        // Enter chooses while the list is open; otherwise it submits the form as usual.
        if (open && options[active]) {
          event.preventDefault();
          choose(options[active]);
        }
        break;
      case "Escape":
        if (open) {
          event.preventDefault();
          setOpen(false);
        } else if (text !== display(selected)) {
          setText(display(selected));
        }
        break;
    }
  }

  function onBlur() {
    setOpen(false);
    const exact = normaliseRegionId(text);
    if (exact && exact !== value) {
      const region = findRegion(exact);
      if (region) choose(region);
      return;
    }
    // Leave no half-typed text that looks chosen but is not.
    if (!exact) setText(display(selected));
  }

  const activeId = open && options[active] ? `${listId}-${options[active].id}` : undefined;

  return (
    <div className="relative">
      <input type="hidden" name={name} value={value} />
      <input
        id={inputId}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-labelledby={labelId}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeId}
        placeholder="Search by city, cloud or region id"
        value={text}
        readOnly={!hydrated}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={(event) => event.target.select()}
        onClick={() => setOpen(true)}
        onKeyDown={onKeyDown}
        onBlur={onBlur}
        className={cx(
          "h-10 w-full rounded-md border bg-surface px-3 text-sm",
          invalid ? "border-danger" : "border-border",
        )}
      />
      <ul
        id={listId}
        ref={listRef}
        role="listbox"
        aria-labelledby={labelId}
        hidden={!open}
        className="absolute z-20 mt-1 max-h-72 w-full overflow-y-auto rounded-md border border-border bg-surface py-1 shadow-lg"
      >
        {options.length === 0 ? (
          <li role="option" aria-selected={false} aria-disabled="true" className="px-3 py-2 text-sm text-muted">
            No Snowflake region matches “{text}”.
          </li>
        ) : (
          options.map((region, index) => (
            <li
              key={region.id}
              id={`${listId}-${region.id}`}
              data-index={index}
              role="option"
              aria-selected={region.id === value}
              // Chosen on mousedown so the input's blur does not close the list first.
              onMouseDown={(event) => {
                event.preventDefault();
                choose(region);
              }}
              onMouseMove={() => setActive(index)}
              className={cx(
                "cursor-pointer px-3 py-2 text-sm",
                index === active ? "bg-accent-soft" : "",
                region.id === value ? "font-semibold" : "",
              )}
            >
              <span className="block">{regionDisplayName(region.id)}</span>
              <span className="block font-mono text-xs text-muted">{region.id}</span>
            </li>
          ))
        )}
      </ul>
    </div>
  );
}
