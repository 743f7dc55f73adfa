"""``python -m conflictlens``: the same command as the ``conflictlens`` script."""

from conflictlens.cli import main

if __name__ == "__main__":
    main()
