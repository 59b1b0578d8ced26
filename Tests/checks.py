"""One line per check and a closing count, shared by the CI checkers (Tests/contract, Tests/reports)."""


class Checks:
    """Counts and prints one line per check; `finish` prints `N passed, M failed` and gives the exit code."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def record(self, ok, label, detail=""):
        if ok:
            self.passed += 1
            print(f"ok    {label}")
        else:
            self.failed += 1
            print(f"FAIL  {label}: {detail}")
        return ok

    def finish(self):
        print(f"{self.passed} passed, {self.failed} failed")
        return 1 if self.failed else 0
