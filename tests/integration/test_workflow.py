"""The GitHub Pages workflows, checked by actionlint (from PyPI, which ships the binary): this
repository's, and the one `strategy-bible init` writes into an agency's project, held to the same
jobs but for the differences listed in DIFFERENCES."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from strategy_bible.commands.publish_cache import DEFAULT_FOLDER

from support import REPO

WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"
PROJECT_WORKFLOW = REPO / "templates" / "project" / "pages.yml"  # what `strategy-bible init` writes
BOTH = pytest.mark.parametrize("path", [WORKFLOW, PROJECT_WORKFLOW], ids=["repository", "project"])
FIRST_JOB = {WORKFLOW: "test", PROJECT_WORKFLOW: "check"}  # the job every other job that checks out waits for
ACTIONLINT = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    assert ACTIONLINT, "actionlint is missing: `make test` installs it with the test extra"
    return subprocess.run([ACTIONLINT, "-no-color", *map(str, files)], capture_output=True, text=True, timeout=60)


def test_the_pages_workflow_passes_actionlint():
    result = actionlint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_does_catch_a_broken_workflow(tmp_path):
    """So that the check above can fail: a typo in an expression and an unknown runner key."""
    broken = tmp_path / ".github" / "workflows" / "pages.yml"
    broken.parent.mkdir(parents=True)
    text = WORKFLOW.read_text(encoding="utf-8")
    text = text.replace("steps.pages.outputs.base_url", "steps.page.outputs.base_url")
    text = text.replace("runs-on: ubuntu-latest", "runs_on: ubuntu-latest", 1)
    broken.write_text(text, encoding="utf-8")
    result = actionlint(broken)
    assert result.returncode == 1
    assert "runs_on" in result.stdout


@BOTH
def test_the_workflow_publishes_share_links_and_never_gh_deploy(path):
    text = path.read_text(encoding="utf-8")
    assert "strategy-bible publish" in text and "--hide-links" in text and "strategy-bible merge" in text
    assert "secrets.STRATEGY_BIBLE_SECRET" in text
    assert "gh-deploy" not in text.replace("`mkdocs gh-deploy` is deliberately not used", "")
    for action in ("actions/configure-pages@", "actions/upload-artifact@", "actions/deploy-pages@"):
        assert action in text


@BOTH
def test_the_archive_for_pages_prints_no_file_name(tmp_path, path):
    """Each client's files sit under its share token: actions/upload-pages-artifact's `tar -cvf`
    printed every path, the links with them, into a log others may read."""
    steps = workflow(path)["jobs"]["merge"]["steps"]
    assert not [step for step in steps if "upload-pages-artifact" in step.get("uses", "")]
    archive = next(step for step in steps if step.get("name", "").startswith("Archive the site"))
    upload = steps[steps.index(archive) + 1]
    assert upload["uses"].startswith("actions/upload-artifact@")
    assert upload["with"]["name"] == "github-pages" and upload["with"]["path"] == "${{ runner.temp }}/artifact.tar"
    folder = "oc3l22rsxv5hefjqmlfy7bezz5"  # a published client's
    for name in (f"{folder}/index.html", f"{folder}/kpis/index.html", "assets/main.js", ".nojekyll", "index.html"):
        (tmp_path / "public" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "public" / name).write_text("<p>page</p>", encoding="utf-8")
    (tmp_path / "runner").mkdir()
    environment = {"PATH": "/usr/bin:/bin", "RUNNER_TEMP": str(tmp_path / "runner")}
    ran = subprocess.run(
        ["sh", "-e", "-c", archive["run"]], cwd=tmp_path, env=environment, capture_output=True, text=True
    )
    assert ran.returncode == 0 and ran.stdout + ran.stderr == "", ran.stdout + ran.stderr
    listed = subprocess.run(["tar", "-tf", str(tmp_path / "runner/artifact.tar")], capture_output=True, text=True)
    assert f"./{folder}/kpis/index.html" in listed.stdout.splitlines() and ".nojekyll" not in listed.stdout


# --- least privilege, pinned actions, no public repository -------------------------------------

PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<action>[\w.-]+/[\w./-]+)@(?P<ref>\S+)(?:\s+#\s*(?P<version>\S+))?\s*$")
VERSIONS = {
    "actions/checkout": "v6",
    "actions/setup-python": "v6",
    "actions/configure-pages": "v6",
    "actions/upload-artifact": "v7",
    "actions/download-artifact": "v8",
    "actions/deploy-pages": "v5",
    "actions/cache": "v5",
}


def workflow(path: Path = WORKFLOW) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@BOTH
def test_only_the_deploy_job_may_write_pages_or_get_an_oidc_token(path):
    """The other jobs run the tests and install packages: any of them could use a write token."""
    flow = workflow(path)
    assert flow["permissions"] in ({}, {"contents": "read"}), "top-level permissions grant nothing more"
    jobs = flow["jobs"]
    for name in (FIRST_JOB[path], "publish", "merge"):
        assert jobs[name]["permissions"] == {"contents": "read"}, name
    assert jobs["plan"]["permissions"] == {"pages": "read"}  # configure-pages, and no checkout
    assert not any("actions/checkout@" in step.get("uses", "") for step in jobs["plan"]["steps"])
    deploy = jobs["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert not any("run" in step for step in deploy["steps"])  # GitHub's deploy action, nothing else
    for name, job in flow["jobs"].items():
        assert "permissions" in job, f"job {name} would inherit the top-level permissions"
        writes = {scope for scope, level in job["permissions"].items() if level == "write"}
        assert name == "deploy" or not writes, f"job {name} may write {writes}"


def pinned_actions(path: Path) -> list[re.Match | None]:
    """Every `uses:` line of the workflow, in order, with its version comment."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [PINNED.match(line) for line in lines if re.match(r"^\s*(-\s+)?uses:", line)]


@BOTH
def test_every_action_is_pinned_to_a_full_commit_sha_with_its_version(path):
    uses = pinned_actions(path)
    assert all(uses) and {use["action"] for use in uses} == set(VERSIONS)
    for use in uses:
        assert re.fullmatch(r"[0-9a-f]{40}", use["ref"]), f"{use['action']}@{use['ref']} is not a commit SHA"
        version = use["version"] or ""
        assert re.fullmatch(r"v\d+(\.\d+){0,2}", version), f"{use['action']}: no '# vN.N.N' comment"
        assert version.split(".")[0] == VERSIONS[use["action"]], f"{use['action']} is {version}"


def evaluate(expression: str, context: dict) -> bool:
    """A GitHub Actions expression of names, strings, true/false/null, ==, !=, !, && and ||."""
    body = re.fullmatch(r"\$\{\{(.*)\}\}", expression.strip(), re.DOTALL)[1]
    names: dict[str, object] = {}

    def name(match: re.Match) -> str:
        value: object = context
        for part in match[0].split("."):
            value = value.get(part) if isinstance(value, dict) else None
        names[f"_{len(names)}"] = value
        return f"_{len(names) - 1}"

    python = re.sub(
        r"'[^']*'|\b(?:true|false|null)\b|[A-Za-z_][\w.-]*|&&|\|\||!(?!=)",
        lambda m: (
            {"true": "True", "false": "False", "null": "None", "&&": " and ", "||": " or ", "!": " not "}.get(m[0])
            or (m[0] if m[0].startswith("'") else name(m))
        ),
        body,
    )
    return bool(eval(python, {"__builtins__": {}}, names))  # our own workflow file, not user input


@BOTH
def test_a_public_repository_is_refused_unless_the_variable_allows_it(path):
    """The strategies repository holds every internal item: publishing from a public one is refused."""
    jobs = workflow(path)["jobs"]
    first_job = FIRST_JOB[path]
    first = jobs[first_job]["steps"][0]
    assert "uses" not in first, "the check comes before anything is checked out or installed"
    for name, job in jobs.items():  # every job that checks out the repository waits for the check
        if name != first_job and any("actions/checkout@" in step.get("uses", "") for step in job["steps"]):
            assert first_job in needed_by(jobs, name), f"job {name} does not wait for the {first_job} job"
    cases = {  # (repository private?, STRATEGY_BIBLE_ALLOW_PUBLIC_REPOSITORY) → refused?
        (False, None): True,
        (False, "false"): True,
        (False, "true"): False,
        (True, None): False,
        (True, "true"): False,
        (None, None): True,
    }
    for (private, allowed), refused in cases.items():
        context = {
            "github": {"event": {"repository": {} if private is None else {"private": private}}},
            "vars": {} if allowed is None else {"STRATEGY_BIBLE_ALLOW_PUBLIC_REPOSITORY": allowed},
        }
        assert evaluate(first["if"], context) is refused, (private, allowed)
    result = subprocess.run(["bash", "-e", "-c", first["run"]], check=False, capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert result.stdout.startswith("::error") and "private" in result.stdout
    assert "STRATEGY_BIBLE_ALLOW_PUBLIC_REPOSITORY" in result.stdout
    header = path.read_text(encoding="utf-8").split("\nname:")[0]
    assert "STRATEGY_BIBLE_ALLOW_PUBLIC_REPOSITORY" in header and "private" in header


# --- the shards: a job matrix, merged once ----------------------------------------------------


def needed_by(jobs: dict, name: str) -> set[str]:
    """Every job that ``name`` waits for, directly or not."""
    needs = jobs[name].get("needs", [])
    direct = {needs} if isinstance(needs, str) else set(needs)
    return direct.union(*(needed_by(jobs, job) for job in direct))


def step_named(job: dict, start: str) -> dict:
    return next(step for step in job["steps"] if step.get("name", "").startswith(start))


def run_step(step: dict, folder: Path, **environment: str) -> subprocess.CompletedProcess:
    """A step's script as the runner runs it (bash -e), in ``folder``."""
    return subprocess.run(
        ["bash", "-e", "-c", step["run"]],
        cwd=folder,
        env={"PATH": "/usr/bin:/bin", **environment},
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_the_clients_are_published_by_a_matrix_of_shards_merged_once():
    jobs = workflow()["jobs"]
    assert needed_by(jobs, "deploy") == {"merge", "publish", "test", "plan"}
    assert jobs["merge"]["needs"] == "publish" and jobs["deploy"]["needs"] == "merge"
    assert [name for name, job in jobs.items() if any("make test" in step.get("run", "") for step in job["steps"])] == [
        "test"
    ]
    publish = jobs["publish"]
    assert publish["strategy"]["matrix"] == {"shard": "${{ fromJSON(needs.plan.outputs.shards) }}"}
    build = step_named(publish, "Build this shard's clients")
    assert build["env"]["SHARD"] == "${{ matrix.shard }}/${{ needs.plan.outputs.count }}"
    assert build["env"]["SOURCE_DATE_EPOCH"] == "${{ needs.plan.outputs.day }}"
    assert '--shard "$SHARD"' in build["run"] and "--hide-links" in build["run"] and "${{" not in build["run"]
    upload = publish["steps"][-1]
    assert (
        upload["uses"].startswith("actions/upload-artifact@") and upload["with"]["name"] == "shard-${{ matrix.shard }}"
    )
    download = next(step for step in jobs["merge"]["steps"] if "download-artifact@" in step.get("uses", ""))
    assert download["with"]["pattern"] == "shard-*" and download["with"]["merge-multiple"] is True
    merge = step_named(jobs["merge"], "Merge the shards")
    assert merge["run"] == '.venv/bin/strategy-bible merge "$RUNNER_TEMP"/shards/* --out public'


@BOTH
def test_the_number_of_shards_comes_from_a_repository_variable_checked_first(tmp_path, path):
    plan = workflow(path)["jobs"]["plan"]
    shards = next(step for step in plan["steps"] if step.get("id") == "shards")
    assert shards["env"]["SHARDS"] == "${{ vars.STRATEGY_BIBLE_SHARDS || '1' }}"  # one job unless told
    assert plan["outputs"]["shards"] == "${{ steps.shards.outputs.shards }}"
    for value, listed in {"1": "[1]", "3": "[1,2,3]", "256": f"[{','.join(map(str, range(1, 257)))}]"}.items():
        (tmp_path / "out").write_text("")
        ran = run_step(shards, tmp_path, SHARDS=value, GITHUB_OUTPUT=str(tmp_path / "out"))
        assert ran.returncode == 0 and ran.stdout + ran.stderr == "", ran.stdout + ran.stderr
        assert (tmp_path / "out").read_text() == f"count={value}\nshards={listed}\n"
    for value in ("0", "257", "two", "", "-1", "2 ", "1/2", "02"):
        ran = run_step(shards, tmp_path, SHARDS=value, GITHUB_OUTPUT=str(tmp_path / "out"))
        assert ran.returncode == 1 and ran.stdout.startswith("::error title=STRATEGY_BIBLE_SHARDS::"), value
    day = next(step for step in plan["steps"] if step.get("id") == "day")
    (tmp_path / "out").write_text("")
    assert run_step(day, tmp_path, GITHUB_OUTPUT=str(tmp_path / "out")).returncode == 0
    epoch = int((tmp_path / "out").read_text().removeprefix("day=").strip())
    assert epoch % 86_400 == 0 and 0 <= time.time() - epoch < 86_400 + 60  # today, 00:00 UTC


@BOTH
def test_shards_travel_between_jobs_printing_no_file_name(tmp_path, path):
    """Archived and unpacked without -v, hidden files kept (the shard's manifest)."""
    jobs = workflow(path)["jobs"]
    folder = "oc3l22rsxv5hefjqmlfy7bezz5"  # a published client's
    names = (f"{folder}/index.html", f"{folder}/kpis/index.html", "assets/main.js", ".strategy-bible-shard.json")
    for name in names:
        (tmp_path / "shard" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "shard" / name).write_text(name, encoding="utf-8")
    runner = tmp_path / "runner"
    (runner / "archives").mkdir(parents=True)
    archive = step_named(jobs["publish"], "Archive the shard")
    ran = run_step(archive, tmp_path, RUNNER_TEMP=str(runner / "archives"), SHARD_NUMBER="2")
    assert ran.returncode == 0 and ran.stdout + ran.stderr == "", ran.stdout + ran.stderr
    assert jobs["publish"]["steps"][-1]["with"]["path"] == "${{ runner.temp }}/shard-${{ matrix.shard }}.tar"
    unpack = step_named(jobs["merge"], "Unpack the shards")
    ran = run_step(unpack, tmp_path, RUNNER_TEMP=str(runner))
    assert ran.returncode == 0 and ran.stdout + ran.stderr == "", ran.stdout + ran.stderr
    for name in names:
        assert (runner / "shards" / "shard-2" / name).read_text(encoding="utf-8") == name
    for job in jobs.values():  # nothing else lists files
        for step in job["steps"]:
            script = step.get("run", "")
            assert not re.search(r"\btar\b[^\n]*\s-(-verbose|\w*v)", script), script
            assert not re.search(r"\b(ls|find|tree|du)\b|set -x", script), script


@BOTH
def test_each_shard_keeps_publishs_cache_between_runs_of_the_day(path):
    """Issue 25: a later run of the day copies the unchanged clients' folders instead of building
    them. The cache is restored where publish looks for it by default, before the build; its key
    names the shard and the day (a folder of another day or shard is never reused: the
    fingerprints would refuse it, and restoring it would cost time) and changes with the inputs,
    so a run that changed a client saves a new cache; restore-keys take the latest of the day."""
    publish = workflow(path)["jobs"]["publish"]
    steps = publish["steps"]
    cache = next(step for step in steps if step.get("uses", "").startswith("actions/cache@"))
    build = step_named(publish, "Build this shard's clients")
    assert steps.index(cache) < steps.index(build)
    assert cache["with"]["path"] == DEFAULT_FOLDER.as_posix()
    assert "--cache" not in build["run"] and "--no-cache" not in build["run"]
    key, restore = cache["with"]["key"], cache["with"]["restore-keys"]
    prefix = "publish-${{ runner.os }}-shard-${{ matrix.shard }}-of-${{ needs.plan.outputs.count }}-day-${{ needs.plan.outputs.day }}-"
    assert restore == prefix and key.startswith(prefix)
    inputs = re.fullmatch(r"\$\{\{\s*hashFiles\((.*)\)\s*\}\}", key[len(prefix) :])
    assert inputs, key
    hashed = {part.strip().strip("'") for part in inputs[1].split(",")}
    assert {"mkdocs.yml", "share-links.yml", "strategies/**", "pages/**", "templates/**", "requirements.txt"} <= hashed


# --- the workflow `strategy-bible init` writes: this one, but for what a project lacks -----------

INSTALL_FROM_REQUIREMENTS = {
    "name": "Install the plugin",
    "run": "python -m venv .venv\n.venv/bin/python -m pip install --quiet -r requirements.txt\n",
}
# The only differences allowed (comments aside): what installs the plugin, what the first job
# runs once, and which files stand for the plugin in the cache key. This repository has a
# Makefile, tests and the plugin's code; a project has requirements.txt (naming the plugin's
# version) and its strategy files to check.
DIFFERENCES = {
    WORKFLOW: {
        "install": {"name": "Install the runtime", "run": "make install"},
        "first job runs": [{"name": "Run every test", "run": "make test"}],  # make test installs what it needs
        "plugin in the cache key": "'plugins/**', 'pyproject.toml', 'requirements.txt'",
    },
    PROJECT_WORKFLOW: {
        "install": INSTALL_FROM_REQUIREMENTS,
        "first job runs": [
            INSTALL_FROM_REQUIREMENTS,
            {"name": "Check the strategy files", "run": ".venv/bin/strategy-bible validate"},
        ],
        "plugin in the cache key": "'requirements.txt'",
    },
}


def without_documented_differences(path: Path) -> dict:
    """The workflow with each documented difference replaced by a placeholder; an assertion
    names a difference that is not where it is documented to be."""
    flow, differences = workflow(path), DIFFERENCES[path]
    jobs = flow["jobs"]
    assert FIRST_JOB[path] in jobs and {"publish", "merge"} <= set(jobs), f"{path}: its jobs are {list(jobs)}"
    first = jobs.pop(FIRST_JOB[path])
    jobs = flow["jobs"] = {"<first job>": first, **jobs}
    for job in jobs.values():
        needs = job.get("needs")
        if isinstance(needs, list):
            job["needs"] = ["<first job>" if need == FIRST_JOB[path] else need for need in needs]
    python = next(i for i, step in enumerate(first["steps"]) if "actions/setup-python@" in step.get("uses", ""))
    assert first["steps"][python + 1 :] == differences["first job runs"], f"{path}: the first job's own steps"
    first["steps"][python + 1 :] = ["<first job runs>"]
    cache = next(step for step in jobs["publish"]["steps"] if "actions/cache@" in step.get("uses", ""))
    plugin = differences["plugin in the cache key"] + ") }}"
    assert cache["with"]["key"].endswith(plugin), f"{path}: the cache key's last inputs are not {plugin}"
    cache["with"]["key"] = cache["with"]["key"].removesuffix(plugin) + "<plugin>"
    for name in ("publish", "merge"):
        steps = jobs[name]["steps"]
        assert steps.count(differences["install"]) == 1, f"{path}: job {name} does not install as documented"
        steps[steps.index(differences["install"])] = "<install>"
    return flow


def test_the_workflow_init_writes_is_this_one_but_for_the_documented_differences():
    """An agency's own project holds many clients: it publishes in shards too, with the same jobs,
    permissions, needs, pinned actions and steps, so a fix to one workflow cannot miss the other."""
    project, ours = without_documented_differences(PROJECT_WORKFLOW), without_documented_differences(WORKFLOW)
    assert list(project["jobs"]) == list(ours["jobs"])
    for name in ours["jobs"]:
        assert project["jobs"][name] == ours["jobs"][name], name
    assert project == ours

    def pins(path: Path) -> list[str | None]:
        return [use and use.group(0).strip() for use in pinned_actions(path)]

    assert pins(PROJECT_WORKFLOW) == pins(WORKFLOW)  # the '# vN.N.N' comments too
    header = PROJECT_WORKFLOW.read_text(encoding="utf-8").split("\nname:")[0]
    for told in (
        "STRATEGY_BIBLE_SECRET",
        "STRATEGY_BIBLE_SHARDS",
        "STRATEGY_BIBLE_ALLOW_PUBLIC_REPOSITORY",
        "README.md",
    ):
        assert told in header, told
    assert "make test" not in header and "docs/en/" not in header  # a project has no Makefile, no docs
