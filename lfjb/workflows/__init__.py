"""What each command does, as plain functions a Python caller can use without a terminal.

One module per command: `pack` (make_packs, validate_boards), `compare` (compare_boards), `cases`
(list_cases), `actions` (open_actions), `init` (init_board). Each takes keyword arguments, already
parsed and checked where they entered (lfjb/cli.py for the command line), and returns a result object;
none prints or imports rich (lfjb/terminal.py shows the results). `processes` runs worker processes
that Ctrl-C and SIGTERM always stop. Modules here are imported by name, not from this package, so that
a spawned worker loads only what it needs.
"""
