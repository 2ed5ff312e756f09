"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { cx } from "@/components/ui/cx";
import { inputClasses } from "@/components/ui/form-field";
import { useListboxNavigation } from "@/components/ui/listbox-navigation";
import { useHydrated } from "@/components/ui/use-hydrated";

type Brand = { slug: string; name: string };
type Page = { items: Brand[]; nextCursor: string | null };
// A page remembers the search it answers: the list shows it only while that is still the search typed.
type Answer = Page & { query: string | null };

const ALL: Brand = { slug: "", name: "All brands" };

/**
 * The queue's brand filter: an editable ARIA 1.2 combobox over a listbox, fed by the staff-only search
 * endpoint (/api/console/organizations, keyset pages of 20) instead of every brand in the page. Type to
 * search name or slug, arrows / Home / End to move, Enter to choose, Escape to close (again: restore the
 * choice); "More brands…" at the end of the list loads the next page. The chosen slug is submitted by a
 * hidden input of the plain GET form, so the URL stays the filter.
 *
 * Enter pressed before the answer for the text typed has arrived (inside the 150 ms pause or the fetch)
 * chooses the first match when it arrives; it never falls through to submitting the form with the old
 * brand while the list still shows an earlier answer or "No brand matches". The field is read-only until
 * hydrated, so nothing is typed into HTML that React does not see.
 */
export function BrandCombobox({ name, selected }: { name: string; selected: Brand | null }) {
  const inputId = useId();
  const labelId = `${inputId}-label`;
  const listId = `${inputId}-list`;
  const [choice, setChoice] = useState<Brand>(selected ?? ALL);
  const [text, setText] = useState(selected ? selected.name : "");
  const [open, setOpen] = useState(false);
  const [answer, setAnswer] = useState<Answer>({ query: null, items: [], nextCursor: null });
  const [status, setStatus] = useState<"idle" | "loading" | "error">("idle");
  // Enter arrived while searching: choose the first match of the answer for this search.
  const enterPending = useRef(false);
  const hydrated = useHydrated();
  const query = text === choice.name || (choice === ALL && text === "") ? "" : text.trim();
  const page: Page = answer.query === query ? answer : { items: [], nextCursor: null };
  const searching = open && status !== "error" && (answer.query !== query || status === "loading");

  // One search per pause in typing (150 ms); an answer for an older query is dropped.
  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setStatus("loading");
      fetchPage(query, null, controller.signal)
        .then((next) => {
          setAnswer({ ...next, query });
          setStatus("idle");
          if (enterPending.current) {
            enterPending.current = false;
            const first = query ? next.items[0] : ALL;
            if (first) {
              setChoice(first);
              setText(first === ALL ? "" : first.name);
              setOpen(false);
            }
          }
        })
        .catch((error: Error) => {
          if (error.name === "AbortError") return;
          enterPending.current = false;
          setStatus("error");
        });
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [open, query]);

  const options: Brand[] = [...(query ? [] : [ALL]), ...page.items];
  const moreIndex = page.nextCursor ? options.length : -1;
  const count = options.length + (moreIndex >= 0 ? 1 : 0);
  const { active, setActive, listRef, onNavigationKey } = useListboxNavigation(count);

  function choose(brand: Brand) {
    setChoice(brand);
    setText(brand === ALL ? "" : brand.name);
    setOpen(false);
  }

  async function loadMore() {
    if (!page.nextCursor) return;
    setStatus("loading");
    try {
      const next = await fetchPage(query, page.nextCursor);
      // Appended only to the answer it continues (the search may have changed meanwhile).
      setAnswer((prev) =>
        prev.query === query ? { query, items: [...prev.items, ...next.items], nextCursor: next.nextCursor } : prev,
      );
      setStatus("idle");
    } catch {
      setStatus("error");
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (onNavigationKey(event, open, setOpen)) return;
    switch (event.key) {
      case "Enter":
        // Enter chooses while the list is open; otherwise it submits the form as usual.
        if (!open) break;
        event.preventDefault();
        if (searching) enterPending.current = true;
        else if (active === moreIndex) void loadMore();
        else if (options[active]) choose(options[active]);
        // Answered and nothing matches: stay, rather than submit a brand the text does not show.
        break;
      case "Escape":
        enterPending.current = false;
        if (open) {
          event.preventDefault();
          setOpen(false);
        } else setText(choice === ALL ? "" : choice.name);
        break;
    }
  }

  const activeId = open && active < count ? `${listId}-${active}` : undefined;

  return (
    <div className="relative flex w-full flex-col gap-1 sm:w-64">
      <label id={labelId} htmlFor={inputId} className="text-xs font-medium text-muted">
        Brand
      </label>
      <input type="hidden" name={name} value={choice.slug} />
      <input
        id={inputId}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeId}
        placeholder="All brands — type to search"
        value={text}
        readOnly={!hydrated}
        onChange={(event) => {
          enterPending.current = false;
          setText(event.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={(event) => event.target.select()}
        onClick={() => setOpen(true)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          enterPending.current = false;
          setOpen(false);
          // Leave no half-typed text that looks chosen but is not; an emptied field means every brand.
          if (text.trim() === "") choose(ALL);
          else setText(choice === ALL ? "" : choice.name);
        }}
        className={inputClasses}
      />
      <ul
        id={listId}
        ref={listRef}
        role="listbox"
        aria-labelledby={labelId}
        aria-busy={searching}
        hidden={!open}
        className="absolute top-full z-20 mt-1 max-h-72 w-full overflow-y-auto rounded-md border border-border bg-surface py-1 shadow-lg"
      >
        {options.length === 0 ? (
          <li role="option" aria-selected={false} aria-disabled="true" className="px-3 py-2 text-sm text-muted">
            {status === "error"
              ? "Brands could not be loaded. Try again."
              : searching
                ? "Searching…"
                : `No brand matches “${text}”.`}
          </li>
        ) : (
          options.map((brand, index) => (
            <li
              key={brand.slug || "all"}
              id={`${listId}-${index}`}
              data-index={index}
              role="option"
              aria-selected={brand.slug === choice.slug}
              // Chosen on mousedown so the input's blur does not close the list first.
              onMouseDown={(event) => {
                event.preventDefault();
                choose(brand);
              }}
              onMouseMove={() => setActive(index)}
              className={cx(
                "cursor-pointer px-3 py-2 text-sm",
                index === active ? "bg-accent-soft" : "",
                brand.slug === choice.slug ? "font-semibold" : "",
              )}
            >
              <span className="block">{brand.name}</span>
              {brand.slug ? <span className="block font-mono text-xs text-muted">{brand.slug}</span> : null}
            </li>
          ))
        )}
        {moreIndex >= 0 ? (
          <li
            id={`${listId}-${moreIndex}`}
            data-index={moreIndex}
            role="option"
            aria-selected={false}
            onMouseDown={(event) => {
              event.preventDefault();
              void loadMore();
            }}
            onMouseMove={() => setActive(moreIndex)}
            className={cx(
              "cursor-pointer px-3 py-2 text-sm text-accent-strong",
              active === moreIndex ? "bg-accent-soft" : "",
            )}
          >
            More brands…
          </li>
        ) : null}
      </ul>
    </div>
  );
}

async function fetchPage(q: string, after: string | null, signal?: AbortSignal): Promise<Page> {
  const params = new URLSearchParams({ q });
  if (after) params.set("after", after);
  const answer = await fetch(`/api/console/organizations?${params}`, {
    signal,
    headers: { accept: "application/json" },
  });
  if (!answer.ok) throw new Error(`brand search answered HTTP ${answer.status}`);
  return (await answer.json()) as Page;
}
