"""`python -m simulator` runs the `revsim` command."""

from simulator.cli import main

main(prog_name="revsim")
