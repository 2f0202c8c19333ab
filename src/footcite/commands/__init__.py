"""One module per `footcite` subcommand, each with `register(subparsers)` and `run(args)`.

The CLI discovers them from `COMMANDS`; a subcommand is a thin shell over the library API.
"""

COMMANDS = (
    "parse",
    "format",
    "persons",
    "dedup",
    "audit",
    "convert",
    "batch",
    "train",
    "evaluate",
)
