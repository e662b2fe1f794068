"""What the MCP client tests share: the binary and repository they are given, git and the
CLI run in that repository, and reading a tool's result.

Imported by the scripts beside it, which tests/mcp.rs runs with ONEONONE_BIN (the binary)
and ONEONONE_REPO (a committed notes repository) in a sealed git environment.
"""

import contextlib
import json
import os
import subprocess

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

BIN = os.environ["ONEONONE_BIN"]
REPO = os.environ["ONEONONE_REPO"]


def field(obj, snake):
    """A model field by its snake_case name (mcp 2) or camelCase one (mcp 1)."""
    if hasattr(obj, snake):
        return getattr(obj, snake)
    head, *rest = snake.split("_")
    return getattr(obj, head + "".join(w.capitalize() for w in rest))


def git(*args):
    """`git ARGS` in the repository; its standard output."""
    return subprocess.run(
        ["git", *args], cwd=REPO, check=True, capture_output=True, text=True
    ).stdout


def read(path):
    """A file's bytes."""
    with open(path, "rb") as f:
        return f.read()


def cli_json(*args):
    """What `oneonone <args> --format json` prints in the repository."""
    return subprocess.run(
        [BIN, "-C", REPO, *args, "--format", "json"],
        check=True, capture_output=True, text=True,
    ).stdout


def payload(result):
    """The JSON a tool returned; its text block must equal its structured content."""
    assert not field(result, "is_error"), f"tool failed: {result.content}"
    assert len(result.content) == 1 and result.content[0].type == "text", result.content
    data = json.loads(result.content[0].text)
    structured = field(result, "structured_content")
    assert structured == data, (structured, data)
    assert data["schema_version"] == 1, data
    return data


def error_text(result):
    """The text of a result that must be an error."""
    assert field(result, "is_error"), f"should fail: {result.content}"
    return " ".join(c.text for c in result.content if c.type == "text")


@contextlib.asynccontextmanager
async def connect():
    """An initialized client session with `oneonone mcp` on the repository; yields the
    session and the server's `initialize` answer."""
    server = StdioServerParameters(
        command=BIN, args=["-C", REPO, "mcp"], env=dict(os.environ)
    )
    async with stdio_client(server) as (read_stream, write_stream):
        async with ClientSession(read_stream, write_stream) as client:
            init = await client.initialize()
            yield client, init
