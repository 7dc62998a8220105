#!/usr/bin/env python3
"""Independent oracles: expected values computed outside the engine, in Python with the standard library only.

Each oracle is a file `test/oracles/<name>.py` (other than this one) that defines
  OUTPUT: str            -- the path, relative to the repository root, of the file it writes
  SOURCE: str            -- the public rule or methodology clause it implements, with where it is published
  def compute() -> str   -- the whole text of that file (usually JSON), computed from the clause by hand-written code
The vitest suites read the committed OUTPUT files; this runner proves they are what the oracles compute.

  python3 test/oracles/run.py           check every oracle's OUTPUT against compute() (exit 1 on a difference)
  python3 test/oracles/run.py --write   rewrite the OUTPUT files (review the diff before committing)
"""
import importlib.util
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def oracles():
    for path in sorted(HERE.glob("*.py")):
        if path.name == "run.py" or path.name.startswith("_"):
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for field in ("OUTPUT", "SOURCE", "compute"):
            if not hasattr(module, field):
                raise SystemExit(f"{path.name}: an oracle must define {field}")
        yield path.name, module


def main(argv):
    write = "--write" in argv
    failures = 0
    count = 0
    for name, module in oracles():
        count += 1
        expected = module.compute()
        target = ROOT / module.OUTPUT
        if write:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(expected, encoding="utf-8")
            print(f"wrote {module.OUTPUT} ({name})")
            continue
        actual = target.read_text(encoding="utf-8") if target.exists() else None
        if actual != expected:
            failures += 1
            print(f"{name}: {module.OUTPUT} differs from what the oracle computes (run with --write and review)")
        else:
            print(f"ok {name} -> {module.OUTPUT}")
    print(f"{count} oracle(s), {failures} difference(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
