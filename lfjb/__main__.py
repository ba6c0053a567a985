from lfjb.cli import run

run()
