"""`python -m generator` runs the `factcheck` command."""

from .cli import main

main()
