"""Validates JSON outputs against JSON Schemas with the `jsonschema` package.

Usage: check_schema.py SCHEMA INSTANCE [SCHEMA INSTANCE ...]
Checks each schema itself, then the instance against it, formats included (`date`).
Prints every violation and exits 1 when there is any.
"""

import json
import sys

from jsonschema import FormatChecker
from jsonschema.validators import validator_for


def main(args):
    failures = 0
    for schema_path, instance_path in zip(args[0::2], args[1::2]):
        with open(schema_path, encoding="utf-8") as f:
            schema = json.load(f)
        with open(instance_path, encoding="utf-8") as f:
            instance = json.load(f)
        cls = validator_for(schema)
        cls.check_schema(schema)
        validator = cls(schema, format_checker=FormatChecker())
        for error in validator.iter_errors(instance):
            failures += 1
            where = "/".join(str(p) for p in error.absolute_path) or "(root)"
            print(f"{instance_path}: {where}: {error.message}")
    if failures:
        sys.exit(1)
    print(f"checked {len(args) // 2} outputs: ok")


if __name__ == "__main__":
    main(sys.argv[1:])
