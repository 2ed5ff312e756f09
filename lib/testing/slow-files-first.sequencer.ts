// vitest's order of test files (vitest.config.ts, sequence.sequencer): the files known to be slow start
// first, so the run does not end with one worker busy on a long file while the other core idles. Without
// vitest's duration cache (a clean clone, CI) vitest starts the largest files first, and the slowest files
// are not the largest: on the clean-clone run of 2026-12-01 20:31 lib/provisioning/load.test.ts (63 s) and
// reliability/authorization-matrix.test.ts (78 s) were among the last to start. Durations from that run.
import path from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

const slowFiles = [
  "reliability/hostile-inputs.test.ts", // 265 s
  "reliability/share-boundary.test.ts", // 186 s
  "lib/pipeline-health/pipeline-faults.test.ts", // 139 s
  "lib/provisioning/fault-matrix.test.ts", // 97 s
  "reliability/authorization-matrix.test.ts", // 78 s
  "emulator/contract/contract.test.ts", // 74 s (unit project)
  "lib/provisioning/load.test.ts", // 63 s
  "lib/erasure/identity-layout.test.ts", // 49 s
  "reliability/database-restart.test.ts", // 45 s
  "lib/provisioning/drift/drift-repair.test.ts", // 38 s
];

export default class SlowFilesFirst extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // vitest's own order keeps each project's files together (projects run one after the other); only the
    // order inside a project changes.
    const order = (await super.sort(files)).map((file, index) => ({ file, index }));
    const rank = (file: TestSpecification) => {
      const i = slowFiles.indexOf(path.relative(file.project.config.root, file.moduleId));
      return i === -1 ? slowFiles.length : i;
    };
    order.sort((a, b) =>
      a.file.project.name !== b.file.project.name
        ? a.index - b.index
        : rank(a.file) - rank(b.file) || a.index - b.index,
    );
    return order.map((o) => o.file);
  }
}
