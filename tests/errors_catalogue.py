"""Runs every entry of docs/errors.md and checks that makerscore says exactly what the catalogue says.

The catalogue is the test: each fenced block whose info string names a file (```csv file=x.csv)
is written into a scratch directory, and each ```console block is run there, command by command
("$ " lines, through bash). The lines after a command are its expected output (standard output
then standard error), and a last line "[exit N]" its exit code (0 when absent).

Usage: python3 tests/errors_catalogue.py docs/errors.md path/to/makerscore
With MAKERSCORE_UPDATE_GOLDEN=1 it writes what makerscore said into the catalogue instead (review the diff).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

FENCE = re.compile(r"^```(\S*)(?:\s+file=(\S+))?\s*$")


def blocks(text):
    """(heading, info, file name or None, body) of each fenced block, in order."""
    heading, out, lines, i = "", [], text.split("\n"), 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
        m = FENCE.match(line)
        if m and m.group(1):
            body = []
            i += 1
            while i < len(lines) and lines[i] != "```":
                body.append(lines[i])
                i += 1
            out.append((heading, m.group(1), m.group(2), "\n".join(body) + "\n"))
        i += 1
    return out


def commands(body):
    """(command, expected output, expected exit code) of each "$ " line of a console block."""
    out = []
    for line in body.rstrip("\n").split("\n"):
        if line.startswith("$ "):
            out.append([line[2:], [], 0])
        elif out:
            m = re.fullmatch(r"\[exit (\d+)\]", line)
            if m:
                out[-1][2] = int(m.group(1))
            else:
                out[-1][1].append(line)
    return [(c, "\n".join(e), code) for c, e, code in out]


def main(catalogue, makerscore):
    with open(catalogue, encoding="utf-8") as f:
        entries = blocks(f.read())
    work = tempfile.mkdtemp(prefix="makerscore-errors-")
    bin_dir = os.path.join(work, "bin")
    os.mkdir(bin_dir)
    os.symlink(os.path.abspath(makerscore), os.path.join(bin_dir, "makerscore"))
    env = dict(os.environ, PATH=bin_dir + os.pathsep + os.environ["PATH"], LC_ALL="C.UTF-8", COLUMNS="100")
    for _, _, name, body in entries:
        if name:
            with open(os.path.join(work, name), "w", encoding="utf-8", newline="\n") as f:
                f.write(body)
    failures, ran, said = [], 0, []
    for heading, info, _, body in entries:
        if info != "console":
            continue
        for command, expected, code in commands(body):
            ran += 1
            p = subprocess.run(["bash", "-c", command], cwd=work, env=env, capture_output=True, timeout=60)
            got = (p.stdout + p.stderr).decode("utf-8", "replace").rstrip("\n")
            said.append((command, expected, code, got, p.returncode))
            if got != expected or p.returncode != code:
                failures.append(f"## {heading}\n$ {command}\n--- expected (exit {code})\n{expected}\n"
                                f"--- got (exit {p.returncode})\n{got}\n")
    shutil.rmtree(work)
    if os.environ.get("MAKERSCORE_UPDATE_GOLDEN"):
        update(catalogue, said)
        return 0
    for f in failures:
        print(f)
    print(f"{ran - len(failures)} of {ran} catalogue commands behave as docs/errors.md says")
    return 1 if failures or ran == 0 else 0


def update(catalogue, said):
    """Writes each command's output and exit code into the catalogue, in order."""
    with open(catalogue, encoding="utf-8") as f:
        text = f.read()
    cursor = 0
    for command, expected, code, got, returncode in said:
        old = f"$ {command}\n{expected}" + (f"\n[exit {code}]" if code else "")
        new = f"$ {command}\n{got}" + (f"\n[exit {returncode}]" if returncode else "")
        at = text.find(old, cursor)
        if at < 0:
            raise SystemExit(f"cannot find the entry of '{command}' in {catalogue}")
        text = text[:at] + new + text[at + len(old):]
        cursor = at + len(new)
    with open(catalogue, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
