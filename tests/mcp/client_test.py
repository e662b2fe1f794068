"""End-to-end test of `oneonone mcp` with the official Python MCP client.

Run by tests/mcp.rs with ONEONONE_BIN (the binary) and ONEONONE_REPO (a committed notes
repository holding sarah-chen.md and a broken.md) in a sealed git environment.
"""

import asyncio
import json
import os
import subprocess
import sys

from oneonone_client import BIN, REPO, cli_json, connect, error_text, field, git, payload, read

DOC = os.path.join(REPO, "Career", "1-on-1s", "sarah-chen.md")
NOTES = """- Sarah loved the renewal story
- Q1 goal: increase NRR by 10%
- She wants me to lead customer advisory board
- Training budget approved - find courses by next week
- Talked about promotion criteria
"""


def read_doc():
    return read(DOC)


async def error_of(session, name, arguments):
    """The message of a failed call: an `isError` result or a protocol error."""
    try:
        result = await session.call_tool(name, arguments)
    except Exception as e:  # a JSON-RPC error surfaces as an exception
        return str(e)
    assert field(result, "is_error"), f"{name}({arguments!r}) should fail: {result.content}"
    return error_text(result)


async def main():
    async with connect() as (session, init):
        assert field(init, "server_info").name == "oneonone", init

        tools = {t.name: t for t in (await session.list_tools()).tools}
        for name in [
            "validate", "prep", "process_notes", "show", "log", "review", "status",
            "list_people", "commitments",
        ]:
            assert name in tools, sorted(tools)
        assert "notes" in field(tools["process_notes"], "input_schema")["properties"]

        # validate: every notes file by default; a named broken file is a finding.
        report = payload(await session.call_tool("validate", {}))
        paths = [f["path"] for f in report["files"]]
        assert "Career/1-on-1s/sarah-chen.md" in paths, paths
        report = payload(await session.call_tool("validate", {"paths": ["broken.md"]}))
        assert report["errors"] >= 1, report
        codes = [d["code"] for d in report["files"][0]["diagnostics"]]
        assert any(c.startswith("E") for c in codes), codes

        # Malformed arguments and unknown tools are errors; the server keeps serving.
        assert "paths" in await error_of(session, "validate", {"paths": 5})
        assert "notes" in await error_of(session, "process_notes", {"person": "sarah"})
        assert await error_of(session, "prep", {"person": 42})
        assert await error_of(session, "prep", {"persn": "sarah"})
        assert await error_of(session, "no_such_tool", {})
        # A command failure names what is wrong.
        message = await error_of(session, "prep", {"person": "nobody-here"})
        assert "nobody-here" in message, message
        assert "date" in (await error_of(session, "prep", {"person": "sarah", "date": "not a date"})).lower()
        # A failure with a cause returns the whole chain, as the command line prints it.
        message = await error_of(
            session, "process_notes", {"person": "sarah", "notes": "\n\n", "dry_run": True}
        )
        assert message.splitlines()[:2] == [
            "error: failed to read the notes",
            "caused by: the notes are empty: there is no line to process",
        ], message

        # prep, as `oneonone prep sarah --date 2026-01-15 --format json`.
        prep = payload(
            await session.call_tool("prep", {"person": "sarah", "date": "2026-01-15"})
        )
        assert prep["slug"] == "sarah-chen", prep
        cli = subprocess.run(
            [BIN, "-C", REPO, "prep", "sarah", "--date", "2026-01-15", "--format", "json"],
            check=True, capture_output=True, text=True,
        ).stdout
        assert json.loads(cli) == prep, "the tool and the CLI disagree"

        # show.
        show = payload(await session.call_tool("show", {"person": "sarah-chen"}))
        assert show["path"] == "Career/1-on-1s/sarah-chen.md", show

        # status, as `oneonone status --date 2026-01-20 --format json`.
        status = payload(await session.call_tool("status", {"date": "2026-01-20"}))
        assert status["date"] == "2026-01-20", status
        assert [r["slug"] for r in status["rows"]] == ["sarah-chen"], status
        assert json.loads(cli_json("status", "--date", "2026-01-20")) == status
        assert "date" in (await error_of(session, "status", {"date": "not a date"})).lower()
        assert await error_of(session, "status", {"when": "today"})

        # list_people, as `oneonone people --format json`.
        people = payload(await session.call_tool("list_people", {}))
        [sarah] = people["people"]
        assert sarah["slug"] == "sarah-chen" and sarah["name"] == "Sarah Chen", sarah
        assert sarah["path"] == "Career/1-on-1s/sarah-chen.md", sarah
        assert sarah["last_meeting"] == status["rows"][0]["last_meeting"], (sarah, status)
        assert sarah["next_due"] == status["rows"][0]["next_due"], (sarah, status)
        assert json.loads(cli_json("people")) == people, "the tool and the CLI disagree"
        assert await error_of(session, "list_people", {"person": "sarah"})

        # A dry run returns the diff and writes nothing.
        head = git("rev-parse", "HEAD").strip()
        before = read_doc()
        dry = payload(
            await session.call_tool(
                "process_notes",
                {"person": "sarah", "notes": NOTES, "date": "2026-01-15", "dry_run": True},
            )
        )
        assert dry["dry_run"] is True and dry["changed"] is True, dry
        assert "--- a/Career/1-on-1s/sarah-chen.md" in dry["diff"], dry["diff"]
        assert "+" in dry["diff"] and "NRR" in dry["diff"], dry["diff"]
        assert dry["commit"] is None, dry
        assert read_doc() == before, "a dry run wrote the document"
        assert git("rev-parse", "HEAD").strip() == head, "a dry run committed"

        # Applying writes the document and commits it, as `oneonone process` does.
        done = payload(
            await session.call_tool(
                "process_notes",
                {"person": "sarah", "notes": NOTES, "date": "2026-01-15"},
            )
        )
        assert done["commit"], done
        new_head = git("rev-parse", "HEAD").strip()
        assert new_head != head and new_head.startswith(done["commit"]), (new_head, done)
        message = git("log", "-1", "--format=%B")
        assert message.startswith("1:1 Sarah Chen 2026-01-15"), message
        assert "Person: sarah-chen" in message, message
        changed = git("show", "--name-only", "--format=", "HEAD").split()
        assert "Career/1-on-1s/sarah-chen.md" in changed, changed
        after = read_doc()
        assert after != before and b"NRR" in after
        assert git("show", "HEAD:Career/1-on-1s/sarah-chen.md").encode() == after
        assert git("status", "--porcelain", "--", DOC) == "", "the document is left uncommitted"

        # The running documents as resources.
        resources = (await session.list_resources()).resources
        uris = [str(r.uri) for r in resources]
        assert "oneonone://people/sarah-chen" in uris, uris
        read = await session.read_resource("oneonone://people/sarah-chen")
        assert read.contents[0].text.encode() == after
        try:
            await session.read_resource("oneonone://people/nobody")
        except Exception as e:
            assert "nobody" in str(e), e
        else:
            raise AssertionError("reading an unknown person's document should fail")

        # The meeting's commitments, dated by it, as `oneonone commitments` reports them.
        follow = payload(
            await session.call_tool("commitments", {"person": "sarah", "date": "2026-01-29"})
        )
        mine = follow["persons"][0]["mine"]
        found = [i for i in mine["items"] if i["text"] == "Find courses"]
        assert found and found[0]["made"] == "2026-01-15", mine
        assert found[0]["state"] == "overdue", mine
        assert await error_of(session, "commitments", {"quarter": "2026-Q9"})

        # The new meeting shows in list_people at once: no state is kept between calls.
        people = payload(await session.call_tool("list_people", {}))
        assert people["people"][0]["last_meeting"] == "2026-01-15", people

        # Still serving after all the failures above.
        payload(await session.call_tool("validate", {}))
    print("mcp client test: ok")


if __name__ == "__main__":
    asyncio.run(main())
    sys.exit(0)
