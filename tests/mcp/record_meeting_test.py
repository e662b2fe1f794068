"""The assistant's loop over `oneonone mcp`, with the official Python MCP client: dry-run
the notes, show the plan, correct it, apply it with `record_meeting`.

Run by tests/mcp.rs with ONEONONE_BIN (the binary) and ONEONONE_REPO (a committed notes
repository holding the reference scenario before its 2026-01-15 meeting and marco-rossi.md)
in a sealed git environment.
"""

import asyncio
import copy
import json
import os
import sys

from oneonone_client import REPO, connect, error_text, field, git, payload, read

DOC_REL = "Career/1-on-1s/sarah-chen.md"
DOC = os.path.join(REPO, DOC_REL)
BACKLOG = os.path.join(REPO, "BACKLOG.md")
with open(os.path.join(REPO, "notes-2026-01-15.md"), encoding="utf-8") as f:
    NOTES = f.read()


def state():
    """What a refused call must leave exactly as it was."""
    return (git("rev-parse", "HEAD"), read(DOC), read(BACKLOG), git("status", "--porcelain"))


async def refused(session, arguments, *expected):
    before = state()
    result = await session.call_tool("record_meeting", arguments)
    message = error_text(result)
    assert "nothing was written" in message, message
    for e in expected:
        assert e in message, (e, message)
    assert state() == before, "a refused plan wrote something"


async def main():
    async with connect() as (session, init):
        tools = {t.name: t for t in (await session.list_tools()).tools}
        schema = field(tools["record_meeting"], "input_schema")
        assert set(schema["properties"]) == {"person", "plan", "dry_run"}, schema
        assert sorted(schema["required"]) == ["person", "plan"], schema

        # 1. The rules' reading of the notes, written nowhere.
        head = git("rev-parse", "HEAD")
        dry = payload(await session.call_tool(
            "process_notes",
            {"person": "sarah", "notes": NOTES, "date": "2026-01-15", "dry_run": True},
        ))
        plan = dry["plan"]
        assert plan["person"] == "sarah-chen" and plan["date"] == "2026-01-15", plan
        assert git("rev-parse", "HEAD") == head

        # 2. The user reads it and corrects one note: "Talked about promotion criteria"
        # was Sarah promising to send them, by next Thursday.
        fixed = copy.deepcopy(plan)
        [talk] = [e for e in fixed["entries"] if e["text"] == "Talked about promotion criteria"]
        assert talk["kind"] == "discussion", talk
        fixed["entries"].remove(talk)
        fixed["actions"].append({
            "owner": "them", "text": "Send the promotion criteria", "due": "2026-01-22",
        })

        # 3. A dry run of the corrected plan shows the diff and writes nothing.
        preview = payload(await session.call_tool(
            "record_meeting", {"person": "sarah", "plan": fixed, "dry_run": True}
        ))
        assert "+- [ ] [P1] Send the promotion criteria (by 2026-01-22)" in preview["diff"], preview["diff"]
        assert "Talked about promotion criteria" not in preview["diff"]
        assert preview["commit"] is None and git("rev-parse", "HEAD") == head

        # Refusals, each writing nothing.
        bad = copy.deepcopy(fixed)
        bad["actions"][-1]["due"] = "next thursday"
        n = len(bad["actions"]) - 1
        await refused(session, {"person": "sarah", "plan": bad},
                      f"actions[{n}].due: not a date")
        bad = copy.deepcopy(fixed)
        bad["actions"][0]["assignee"] = "me"
        await refused(session, {"person": "sarah", "plan": bad},
                      "actions[0].assignee: unknown field")
        bad = copy.deepcopy(fixed)
        bad["actions"][0]["owner"] = 7
        await refused(session, {"person": "sarah", "plan": bad},
                      "actions[0].owner: expected a string")
        bad = copy.deepcopy(fixed)
        bad["actions"][0]["priority"] = "P0"
        await refused(session, {"person": "sarah", "plan": bad}, "actions[0].priority")
        bad = copy.deepcopy(fixed)
        bad["done"].append({"item": "Renew the parking permit"})
        await refused(session, {"person": "sarah", "plan": bad},
                      'matches no open action item',
                      '"Review promotion packet requirements"')
        await refused(session, {"person": "marco", "plan": fixed},
                      'the plan is for "sarah-chen", not marco-rossi')

        # 4. Applied: the document, BACKLOG.md and one commit with its trailers.
        done = payload(await session.call_tool(
            "record_meeting", {"person": "sarah-chen", "plan": fixed}
        ))
        assert done["changed"] and done["commit"], done
        new_head = git("rev-parse", "HEAD").strip()
        assert new_head.startswith(done["commit"]), (new_head, done)
        doc = read(DOC).decode()
        assert ("### Sarah's Actions\n- [ ] Review promotion packet requirements\n"
                "- [ ] [P1] Send the promotion criteria (by 2026-01-22)\n"
                "- [x] Approve training budget (completed 2026-01-15)\n") in doc, doc
        assert "Talked about promotion criteria" not in doc, doc
        assert "- Q1 goal: increase NRR by 10%\n" in doc, doc
        assert "- 2026-01-15: Sarah loved the renewal story\n" in doc, doc
        backlog = read(BACKLOG).decode()
        assert "- [ ] [P1] Find courses (due: 2026-01-22) (1:1 Sarah Chen, 2026-01-15)\n" in backlog, backlog
        assert "promotion criteria" not in backlog, backlog
        message = git("log", "-1", "--format=%B")
        assert message.startswith("1:1 Sarah Chen 2026-01-15: 3 actions, 1 goal"), message
        assert "\nPerson: sarah-chen\nMeeting-Date: 2026-01-15\n" in message, message
        files = git("show", "--name-only", "--format=", "HEAD").split()
        assert files == ["BACKLOG.md", DOC_REL], files
        assert git("status", "--porcelain") == "", git("status", "--porcelain")
        # Only added lines and the one tick.
        diff = git("show", "--format=", "HEAD", "--", DOC_REL)
        removed = [l for l in diff.splitlines() if l.startswith("-") and not l.startswith("---")]
        assert removed == ["-- [ ] Approve training budget"], removed

        # 5. Applied again (its JSON text, as some clients send it): nothing changes.
        again = payload(await session.call_tool(
            "record_meeting", {"person": "sarah", "plan": json.dumps(fixed)}
        ))
        assert again["changed"] is False and again["commit"] is None, again
        assert git("rev-parse", "HEAD").strip() == new_head
        # Ticking what the plan ticked, on its date, is a no-op rather than a refusal.
        assert any(d["item"] == "Approve training budget" for d in fixed["done"]), fixed
    print("record_meeting loop: ok")


if __name__ == "__main__":
    asyncio.run(main())
    sys.exit(0)
