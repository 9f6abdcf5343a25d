"""Build many sets within their limits: the process pool (`pool`), progress events
(`progress`) and the system check `make` runs (`system`)."""
