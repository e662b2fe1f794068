#!/usr/bin/env bash
# Makes target/test-venv: the Python tools the end-to-end tests drive (the official MCP
# client for tests/mcp.rs, the pre-commit framework for tests/hooks_precommit_framework.rs,
# jsonschema for tests/json.rs). The tests run this script themselves when the venv is
# missing; run it by hand to prepare a machine ahead of time. Needs python3 with venv and
# access to PyPI. Prints the venv's path.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=target/test-venv
mkdir -p target
# Several test binaries may ask at once: one builds the venv, the others wait for it.
exec 9>target/test-venv.lock
flock 9

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv" >&2
fi
if ! "$venv/bin/python" -c 'import mcp, jsonschema' 2>/dev/null || [ ! -x "$venv/bin/pre-commit" ]; then
    "$venv/bin/pip" install --quiet --disable-pip-version-check mcp pre-commit jsonschema >&2
fi
echo "$PWD/$venv"
