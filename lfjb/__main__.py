from lfjb.cli import app

app(prog_name="lfjb")
