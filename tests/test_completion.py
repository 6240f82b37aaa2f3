"""Tab completion: `workbook completion SHELL` prints a script that loads in that shell, and Tab then
completes the sub-commands, the exercise ids and the names in the workbook named on the line, without
writing anything. Bash is driven as it drives a completion function; fish and zsh where they are installed."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from workbook.cli import main
from workbook.completion import SHELLS
from workbook.store import Store

BIN = Path(sys.executable).parent  # the console script beside the interpreter running the tests


def shell_env(home: Path) -> dict[str, str]:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "HOME": str(home),
            "XDG_DATA_HOME": str(home / ".local" / "share"), "XDG_CONFIG_HOME": str(home / ".config")}


# Sets what bash sets before it calls a completion function (the words split on blanks are enough here:
# argcomplete reads COMP_LINE and COMP_POINT), calls the function and prints each offer on a line.
BASH_TAB = r"""
source <(workbook completion bash) || exit 3
COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}; COMP_TYPE=9
read -ra COMP_WORDS <<< "$COMP_LINE"
[[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
_python_argcomplete workbook "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
"""


def bash_tab(line: str, home: Path) -> list[str]:
    result = subprocess.run(["bash", "-c", BASH_TAB, "bash", line], capture_output=True, text=True,
                            env=shell_env(home), timeout=60)
    assert result.returncode == 0, result.stderr
    return [offer.strip() for offer in result.stdout.splitlines() if offer.strip()]


@pytest.fixture
def workbook_with_people(tmp_path: Path) -> Path:
    path = tmp_path / "mine" / "workbook.json"
    with Store(path) as store:
        for person in ("Ada Okafor", "Sam Lee"):
            entry = store.start_entry("conversation").id
            store.set_answer("conversation", "person", person, entry)
    return path


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(path): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_the_bash_script_loads_and_completes_a_sub_command(isolated_home):
    assert bash_tab("workbook st", isolated_home) == ["status"]
    assert {"status", "export", "plain", "completion"} <= set(bash_tab("workbook ", isolated_home))


def test_bash_completes_an_exercise_id(isolated_home):
    assert bash_tab("workbook plain pl", isolated_home) == ["planning"]
    offered = bash_tab("workbook plain ", isolated_home)
    assert offered[:6] == ["mapping", "planning", "exploring", "demonstrating", "arriving", "consolidating"]
    assert "conversation" in offered and not any(offer.startswith("-") for offer in offered)
    assert bash_tab("workbook export con", isolated_home) == ["consolidating", "conversation"]


def test_bash_completes_the_names_in_the_workbook_on_the_line_and_writes_nothing(workbook_with_people,
                                                                                  isolated_home):
    store = shlex.quote(str(workbook_with_people))
    before = files_under(workbook_with_people.parent)
    # Newest first, as the log lists them; a space in a name is escaped for the shell.
    assert bash_tab(f"workbook --store {store} prep ", isolated_home) == ["Sam\\ Lee", "Ada\\ Okafor"]
    assert bash_tab(f"workbook follow-up --store {store} A", isolated_home) == ["Ada\\ Okafor"]
    # A log with entries is offered with its colon too, so that Tab stops there rather than add a space.
    assert bash_tab(f"workbook export --store {store} conv", isolated_home) == ["conversation", "conversation:"]
    # After `conversation:`, bash completes the part after the colon (a word break).
    assert bash_tab(f"workbook export --store {store} conversation:S", isolated_home) == ["Sam\\ Lee"]
    assert files_under(workbook_with_people.parent) == before


def test_a_name_is_offered_quoted_for_the_shell_and_one_with_control_characters_not_at_all(tmp_path,
                                                                                          isolated_home):
    path = tmp_path / "hostile.json"
    names = ["O'Brien", "$(touch pwned)", "back`tick`", "vt\x0bsplit", "two\nlines", "\x1b[31mred"]
    with Store(path) as store:
        for name in names:
            store.set_answer("conversation", "person", name, store.start_entry("conversation").id)
    offered = bash_tab(f"workbook --store {shlex.quote(str(path))} prep ", isolated_home)
    assert offered == ["back\\`tick\\`", "\\$\\(touch\\ pwned\\)", "O\\'Brien"]
    assert not (isolated_home / "pwned").exists() and not Path("pwned").exists()


def test_a_store_named_with_home_or_a_tilde_is_the_one_read(workbook_with_people, isolated_home):
    (isolated_home / "mine.json").write_bytes(workbook_with_people.read_bytes())
    assert bash_tab("workbook --store ~/mine.json prep S", isolated_home) == ["Sam\\ Lee"]
    assert bash_tab("workbook --store $HOME/mine.json prep S", isolated_home) == ["Sam\\ Lee"]


def test_bash_does_not_fall_back_to_file_names_where_nothing_fits(isolated_home):
    """`complete -o default` listed the folder's files after `workbook search `, or for a person."""
    result = subprocess.run(["bash", "-c", "source <(workbook completion bash) && complete -p workbook"],
                            capture_output=True, text=True, env=shell_env(isolated_home), timeout=60)
    assert result.returncode == 0, result.stderr
    assert "-F _python_argcomplete workbook" in result.stdout and "-o default" not in result.stdout


def test_a_workbook_that_cannot_be_read_offers_nothing_and_no_traceback(tmp_path, isolated_home):
    broken = tmp_path / "broken.json"
    broken.write_text("{ not json")
    assert bash_tab(f"workbook --store {shlex.quote(str(broken))} prep ", isolated_home) == []
    assert broken.read_text() == "{ not json"


def test_an_option_completes_its_choices(isolated_home):
    assert bash_tab("workbook export --format ", isolated_home) == ["md", "html", "txt", "json", "ics"]
    assert bash_tab("workbook completion ", isolated_home) == list(SHELLS)


@pytest.mark.skipif(not shutil.which("fish"), reason="fish is not installed")
def test_the_fish_script_completes_an_exercise_id(tmp_path, isolated_home):
    script = tmp_path / "workbook.fish"
    script.write_text(subprocess.run([str(BIN / "workbook"), "completion", "fish"], capture_output=True,
                                     text=True, check=True).stdout)
    result = subprocess.run(["fish", "--no-config", "-c", f"source {script}; complete -C'workbook plain pl'"],
                            capture_output=True, text=True, env=shell_env(isolated_home), timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["planning"]


@pytest.mark.skipif(not shutil.which("zsh"), reason="zsh is not installed")
def test_the_zsh_script_loads_into_the_completion_system(isolated_home):
    load = ("autoload -Uz compinit && compinit -u -d $HOME/.zcompdump && source <(workbook completion zsh) "
            "&& print -r -- $_comps[workbook]")
    result = subprocess.run(["zsh", "-f", "-c", load], capture_output=True, text=True,
                            env=shell_env(isolated_home), timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "_python_argcomplete"


def test_an_unknown_shell_is_refused_with_the_ones_there_are(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["completion", "tcsh"])
    assert exit_.value.code == 2
    assert "choose from 'bash', 'zsh', 'fish'" in capsys.readouterr().err
