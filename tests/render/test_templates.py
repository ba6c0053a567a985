"""The Jinja2 environment's compiled-template cache (lfjb/render/templates.py, issue 22 item 4): used
when a template is unchanged, never stale, and never a reason for a pack to fail."""

from __future__ import annotations

import os

from jinja2 import Environment, FileSystemLoader

from lfjb.render import templates
from lfjb.render.templates import TemplateCodeCache


def env_for(folder, cache_dir) -> Environment:
    """A fresh environment (as in a new process) over `folder`, caching in `cache_dir` (made if it
    is missing and its parent is there, as Jinja2 makes its own per-user folder)."""
    if cache_dir.parent.is_dir():
        cache_dir.mkdir(exist_ok=True)
    return Environment(loader=FileSystemLoader(str(folder)), bytecode_cache=TemplateCodeCache(str(cache_dir)))


def no_compiling(env: Environment) -> Environment:
    def compile_(*args, **kwargs):
        raise AssertionError("compiled, not loaded from the cache")
    env.compile = compile_
    return env


def test_an_unchanged_template_is_loaded_compiled(tmp_path):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "page.html").write_text("Hello {{ name }}")
    env_for(tmp_path / "t", tmp_path / "cache").get_template("page.html")
    assert len(os.listdir(tmp_path / "cache")) == 1
    assert no_compiling(env_for(tmp_path / "t", tmp_path / "cache")).get_template("page.html").render(name="A") == "Hello A"


def test_an_edited_template_is_compiled_afresh(tmp_path):
    (tmp_path / "t").mkdir()
    page = tmp_path / "t" / "page.html"
    page.write_text("Before {{ name }}")
    assert env_for(tmp_path / "t", tmp_path / "cache").get_template("page.html").render(name="A") == "Before A"
    page.write_text("After {{ name }}")
    assert env_for(tmp_path / "t", tmp_path / "cache").get_template("page.html").render(name="A") == "After A"


def test_the_key_names_the_file_and_how_lfjb_compiles(tmp_path, monkeypatch):
    """Another folder's template of the same name, or other compile settings (trim_blocks, another
    Jinja2 or Python), never share a compiled template."""
    cache = TemplateCodeCache(str(tmp_path))
    key = cache.get_cache_key("page.html", "/a/page.html")
    assert cache.get_cache_key("page.html", "/b/page.html") != key
    monkeypatch.setattr(TemplateCodeCache, "SALT", b"other settings")
    assert cache.get_cache_key("page.html", "/a/page.html") != key


def test_a_damaged_cache_file_is_compiled_again(tmp_path):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "page.html").write_text("Hello {{ name }}")
    env_for(tmp_path / "t", tmp_path / "cache").get_template("page.html")
    [cached] = (tmp_path / "cache").iterdir()
    cached.write_bytes(cached.read_bytes()[:40])  # cut short
    assert env_for(tmp_path / "t", tmp_path / "cache").get_template("page.html").render(name="B") == "Hello B"


def test_an_unwritable_cache_folder_only_means_compiling(tmp_path):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "page.html").write_text("Hello {{ name }}")
    missing = tmp_path / "no" / "such" / "folder"
    assert env_for(tmp_path / "t", missing).get_template("page.html").render(name="C") == "Hello C"


def test_no_safe_cache_folder_means_no_cache(monkeypatch):
    def refuse(self, directory=None, pattern="__jinja2_%s.cache"):
        raise RuntimeError("Cannot determine safe temp directory.")
    monkeypatch.setattr(TemplateCodeCache, "__init__", refuse)
    assert templates.template_code_cache() is None


def test_the_pack_environment_keeps_compiled_templates():
    assert isinstance(templates.environment().bytecode_cache, TemplateCodeCache)


def test_the_running_head_keeps_a_long_board_name_on_one_line():
    from lfjb.render.templates import RUNNING_HEAD_CHARS, running_head

    assert running_head("Cheshire and Merseyside Local Family Justice Board") == "Cheshire and Merseyside LFJB"
    assert running_head("Central London Local Family Justice Board") == "Central London Local Family Justice Board"
    assert running_head("Wolverhampton Local Family Justice Board") == "Wolverhampton Local Family Justice Board"
    long_other = "A board whose name is long and ends some other way entirely"  # left as it is: no rule to shorten it
    assert running_head(long_other) == long_other and len(long_other) > RUNNING_HEAD_CHARS
