"""Build many sets within their limits: the process pool (`pool`), the unchanged-build check
(`cache`), progress events (`progress`) and the system check `make` runs (`system`)."""
