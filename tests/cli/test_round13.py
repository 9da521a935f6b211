"""Issue 13, verification round 3 (helper F13B), through the CLI."""
from pmmtest import Scratch, check, contains, done, eq  # noqa: F401

s = Scratch()
s.pmm("demo", check=0)

done()
