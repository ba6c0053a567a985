"""Kept only while lfjb/render/comparison.py moves to lfjb.render.templates and lfjb.formatting."""

from lfjb.formatting import DASH
from lfjb.render.templates import environment, stylesheet, templates_dir

__all__ = ["DASH", "environment", "stylesheet", "templates_dir"]
