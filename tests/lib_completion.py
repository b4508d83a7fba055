#!/usr/bin/env python3
"""Shell completion: completions/wiremark.bash in bash, completions/_wiremark
in zsh (with zsh's completion builtins replaced by stubs that print what
they are given), against the wiremark under test.

usage: lib_completion.py PATH/TO/wiremark  (run by meson test)
"""
import os
import shutil
import subprocess
import sys

ROOT = os.path.abspath(os.environ.get("WM_SOURCE_ROOT",
                                      os.path.join(os.path.dirname(__file__), "..")))
COMPLETIONS = os.path.join(ROOT, "completions")
SKIP = 77
failures = []


def check(name, got, want):
    if got != want:
        failures.append(name)
        print(f"FAIL {name}:\n  want {want!r}\n  got  {got!r}")
    else:
        print(f"ok   {name}")


BASH = r"""
source "$1/wiremark.bash"
shift
COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMPREPLY=()
_wiremark
printf '%s\n' "${COMPREPLY[@]}"
"""


def bash(env, *words):
    p = subprocess.run(["bash", "-c", BASH, "bash", COMPLETIONS, *words], cwd=ROOT,
                       env=env, capture_output=True, text=True, timeout=60)
    return p.stdout.split() if p.returncode == 0 else [f"exit {p.returncode}: {p.stderr}"]


ZSH = r"""
fpath=("$1" $fpath)
autoload -Uz _wiremark
_call_program() { shift; "$@" }
_arguments() { print -rl -- "$@" }
_wanted() { shift 3; "$@" }
compadd() {
  local -a out
  while (( $# )); do
    case $1 in (-a) shift; out+=(${(P)1});; (-S) shift;; (*) out+=($1);; esac
    shift
  done
  print -r -- "compadd ${out[*]}"
}
words=(wiremark '') CURRENT=2
_wiremark
_wiremark_formats readers
_wiremark_formats writers
"""


def run_zsh(env):
    p = subprocess.run(["zsh", "-f", "-c", ZSH, "zsh", COMPLETIONS], cwd=ROOT, env=env,
                       capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout.splitlines(), p.stderr


def main():
    wm = os.path.abspath(sys.argv[1])
    env = dict(os.environ, PATH=os.path.dirname(wm) + os.pathsep + os.environ.get("PATH", ""))
    lists = subprocess.run([wm, "--list-formats"], capture_output=True, text=True).stdout
    formats = {line.split(":")[0]: line.split()[1:] for line in lists.splitlines()}
    if sorted(formats) != ["readers", "writers"] or "json" not in formats["readers"]:
        print(f"FAIL --list-formats: {lists!r}")
        return 1
    ran = 0
    if shutil.which("bash"):
        ran += 1
        check("bash: -t", bash(env, "wiremark", "-t", ""), formats["writers"])
        check("bash: -f", bash(env, "wiremark", "-f", ""), formats["readers"])
        check("bash: --from=j (one word)", bash(env, "wiremark", "--from=j"), ["json"])
        check("bash: --to = h (split at =)", bash(env, "wiremark", "--to", "=", "h"), ["html"])
        check("bash: --print-template", bash(env, "wiremark", "--print-template", "t"), ["tei"])
        check("bash: -t n (the IPTC writers)", bash(env, "wiremark", "-t", "n"),
              ["nitf", "newsml"])
        check("bash: --sta", bash(env, "wiremark", "--sta"), ["--standalone"])
        check("bash: --list", bash(env, "wiremark", "--list"), ["--list-formats"])
        check("bash: -M", bash(env, "wiremark", "-M", "pub"), ["publisher="])
        check("bash: files", bash(env, "wiremark", "samples/02-"), ["samples/02-teletype.txt"])
        check("bash: --template FILE", bash(env, "wiremark", "--template", "docs/examples/site-"),
              ["docs/examples/site-page.mustache"])
        opts = bash(env, "wiremark", "-")
        check("bash: every option", [o for o in ("-f", "--from", "-t", "--to", "-s", "--date",
                                                 "--version", "-O", "--output-dir", "-j",
                                                 "--jobs", "--force", "--jsonl")
                                     if o not in opts], [])
        check("bash: -O completes folders only", bash(env, "wiremark", "-O", "sam"), ["samples"])
        check("bash: --output-dir=doc", bash(env, "wiremark", "--output-dir=doc"), ["docs"])
        cores = str(os.cpu_count() or 1)
        check("bash: -j completes 1 to the cores",
              bash(env, "wiremark", "-j", "")[-1:], [cores])
        check("bash: --js", bash(env, "wiremark", "--js"), ["--jsonl"])
        check("bash: --for", bash(env, "wiremark", "--for"), ["--force"])
        check("bash: --jsonl takes no value (files after it)",
              bash(env, "wiremark", "--jsonl", "samples/02-"), ["samples/02-teletype.txt"])
    else:
        print("skip bash: not installed")
    if shutil.which("zsh"):
        ran += 1
        rc, out, err = run_zsh(env)
        check("zsh: runs", (rc, err), (0, ""))
        check("zsh: -t completes writers",
              [s.split("]", 1)[-1] for s in out if s.startswith("*-t+[")],
              [":FORMAT:_wiremark_formats writers"])
        check("zsh: --from= completes readers",
              [s.split(":")[-1] for s in out if s.startswith("*--from=[")],
              ["_wiremark_formats readers"])
        check("zsh: -s and --standalone exclude each other",
              [s.split("[")[0] for s in out if s.startswith("(-s --standalone)")],
              ["(-s --standalone)-s", "(-s --standalone)--standalone"])
        check("zsh: descriptions, ':' quoted", any(s.startswith("*-t+[") and "\\:" in s
                                                   for s in out), True)
        check("zsh: --template completes files",
              [s.split(":")[-1] for s in out if s.startswith("*--template=")], ["_files"])
        check("zsh: input files", "*:input file:_files" in out, True)
        check("zsh: -O and --output-dir complete folders",
              [s.split("]", 1)[-1] for s in out if s.startswith(("*-O+[", "*--output-dir=["))],
              [":DIR:_files -/", ":DIR:_files -/"])
        check("zsh: -j completes jobs",
              [s.split("]", 1)[-1] for s in out if s.startswith(("*-j+[", "*--jobs=["))],
              [":N:_wiremark_jobs", ":N:_wiremark_jobs"])
        check("zsh: --columns takes any number",
              [s.split("]", 1)[-1] for s in out if s.startswith("*--columns=[")], [":N: "])
        check("zsh: --force and --jsonl are flags",
              [s.split("[")[0] for s in out if s.startswith(("(--force)", "(--jsonl)"))],
              ["(--force)--force", "(--jsonl)--jsonl"])
        check("zsh: readers", "compadd " + " ".join(formats["readers"]) in out, True)
        check("zsh: writers", "compadd " + " ".join(formats["writers"]) in out, True)
    else:
        print("skip zsh: not installed")
    if not ran:
        print("skip: neither bash nor zsh is installed")
        return SKIP
    print(f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
