"""Pure functions over validated inputs: no I/O, no printing, no rendering (STYLE.md)."""
