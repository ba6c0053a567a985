"""A pack folder's record of itself, and the earlier packs kept beside it.

`manifest.json` (lfjb.naming.MANIFEST_NAME) records the lfjb version and the SHA-256 of every input and
output, so a run can tell whether a pack is up to date and why it is being made again; `previous/`
(lfjb.naming.PREVIOUS_DIR) keeps the earlier pack, moved there whole, before a new one is written.
The writing itself is lfjb.render.files (atomic, all or none); the names are lfjb.naming.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

from lfjb import __version__
from lfjb.inputs.errors import display_path
from lfjb.naming import MANIFEST_NAME, PREVIOUS_DIR
from lfjb.render.files import PART_SUFFIX, json_text

__all__ = ["MANIFEST_NAME", "PREVIOUS_DIR", "changed_inputs", "changes_since", "content_sha256", "damaged_manifest",
           "edited_outputs", "file_sha256", "is_up_to_date", "keep_previous", "manifest_outputs", "manifest_text", "previous_problem",
           "read_manifest", "remove_leftovers"]


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def content_sha256(data: object) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode("utf-8")).hexdigest()


def read_manifest(folder: Path) -> dict | None:
    try:
        manifest = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def changed_inputs(manifest: dict, inputs: dict[str, dict[str, str]]) -> list[str]:
    """The roles whose input differs from the manifest's (added or removed roles count as changed):
    by content where both sides recorded it, else by the file's bytes."""
    before = manifest.get("inputs", {})
    if not isinstance(before, dict):
        return sorted(inputs)
    roles = sorted(set(before) | set(inputs))

    def same(old: object, new: dict[str, str] | None) -> bool:
        if not isinstance(old, dict) or new is None:
            return False
        key = "content_sha256" if "content_sha256" in old and "content_sha256" in new else "sha256"
        return old.get(key) == new.get(key)

    return [r for r in roles if not same(before.get(r), inputs.get(r))]


def manifest_outputs(manifest: dict, folder: Path) -> dict[str, tuple[Path, dict]]:
    """The outputs a manifest lists that are files in `folder` itself, by format: (the file, its entry). An
    entry that is not a record, or names a file elsewhere ('../x', a sub-folder), is left out: a manifest
    is read from disk and must never lead lfjb to read, keep or delete a file outside the pack's folder.
    The one loop over "outputs in this folder" for the manifest's readers and the pack workflow."""
    outputs = manifest.get("outputs", {}) if isinstance(manifest, dict) else {}
    if not isinstance(outputs, dict):
        return {}
    found = {}
    for fmt, entry in outputs.items():
        if isinstance(entry, dict) and (path := folder / str(entry.get("file", ""))).parent == folder and path.is_file():
            found[fmt] = (path, entry)
    return found


def edited_outputs(manifest: dict, folder: Path) -> list[str]:
    """The formats whose file is still there but no longer matches the manifest (edited by hand)."""
    return [fmt for fmt, (path, entry) in manifest_outputs(manifest, folder).items() if file_sha256(path) != entry.get("sha256")]


def changes_since(manifest: dict | None, inputs: dict, folder: Path) -> tuple[list[str], list[str]]:
    """(input roles that changed, every reason in words) for keeping the earlier pack in previous/:
    a changed input, another lfjb version (the figures may be worked out differently), or a file of
    the pack edited since it was made."""
    if not manifest:
        return [], []
    roles = changed_inputs(manifest, inputs)
    reasons = [f"{', '.join(roles)} changed"] if roles else []
    version = manifest.get("lfjb_version")
    if version != __version__:
        reasons.append(f"the lfjb version changed ({version or 'unknown'} → {__version__})")
    if edited := edited_outputs(manifest, folder):
        reasons.append(f"the pack's {', '.join(f.upper() for f in edited)} file{'s were' if len(edited) != 1 else ' was'} changed after lfjb wrote it")
    return roles, reasons


def is_up_to_date(manifest: dict | None, inputs: dict, formats: Sequence[str], paths: dict[str, Path]) -> bool:
    """Same lfjb version, same input hashes, and every requested file still there as written."""
    if not manifest or manifest.get("lfjb_version") != __version__ or changed_inputs(manifest, inputs):
        return False
    listed = manifest_outputs(manifest, paths[formats[0]].parent) if formats else {}
    return all(fmt in listed and listed[fmt][0] == paths[fmt] and file_sha256(paths[fmt]) == listed[fmt][1].get("sha256")
               for fmt in formats)


def _copy_into(source: Path, target: Path) -> None:
    """A hard link where the file system allows (instant, no space), else a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def keep_previous(folder: Path, manifest: dict) -> Path:
    """The earlier pack's files and manifest, kept in previous/<when it was made>/; returns that folder.

    The files are gathered in a hidden `.part` folder and appear in previous/ with one rename, so an
    interrupted run never splits the earlier pack across folders (the next run removes the `.part`)."""
    stamp = str(manifest.get("created", "unknown")).replace(":", "").replace("-", "")[:15] or "unknown"
    stamp = "".join(ch for ch in stamp if ch.isalnum() or ch in "+T") or "unknown"
    previous = folder / PREVIOUS_DIR
    manifest_bytes = (folder / MANIFEST_NAME).read_bytes()
    target, n = previous / stamp, 1
    while target.exists():
        if (target / MANIFEST_NAME).is_file() and (target / MANIFEST_NAME).read_bytes() == manifest_bytes:
            return target  # kept already by a run that stopped before writing the new pack
        n += 1
        target = previous / f"{stamp}-{n}"
    staging = previous / f".{target.name}{PART_SUFFIX}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for source, _ in manifest_outputs(manifest, folder).values():
        _copy_into(source, staging / source.name)
    _copy_into(folder / MANIFEST_NAME, staging / MANIFEST_NAME)
    os.replace(staging, target)
    return target


def remove_leftovers(folder: Path) -> None:
    """Temporary files and folders a killed run left behind (…part), in the pack's folder and previous/.
    A previous/ that is a link to somewhere else is not followed: nothing outside the pack's folder is
    deleted."""
    for place in (folder, folder / PREVIOUS_DIR):
        if place.is_symlink() or not place.is_dir():
            continue
        for entry in place.glob(f".*{PART_SUFFIX}"):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)


def previous_problem(folder: Path) -> str | None:
    """Why the earlier pack cannot be kept in `folder`/previous/, in words (None when it can)."""
    previous = folder / PREVIOUS_DIR
    if previous.is_symlink():
        return (f"{display_path(previous)} is a link to another place; lfjb keeps earlier packs only in a real "
                f"folder there, so nothing was written. Remove the link (or make it a folder) and run again.")
    if previous.exists() and not previous.is_dir():
        return f"{display_path(previous)} is a file; lfjb keeps earlier packs in a folder of that name, so nothing was written. Move the file and run again."
    return None


def damaged_manifest(folder: Path, paths: dict[str, Path]) -> dict | None:
    """When `folder` has a manifest.json lfjb cannot read (empty, cut short, not an object) and pack files
    beside it, a manifest standing in for it, listing those files, so they are kept in previous/ before
    anything is written: with no readable manifest no one can tell what made them."""
    manifest = folder / MANIFEST_NAME
    if not manifest.is_file() or read_manifest(folder) is not None:
        return None
    found = {fmt: {"file": path.name} for fmt, path in paths.items() if path.is_file() and not path.is_symlink()}
    if not found:
        return None
    made = datetime.fromtimestamp(manifest.stat().st_mtime, timezone.utc).isoformat(timespec="seconds")
    return {"created": made, "outputs": found}


def manifest_text(slug: str, month: str, inputs: dict, outputs: dict, rows_rejected: int) -> str:
    """The manifest of a pack just written, as JSON text (written last, so it vouches only for whole files)."""
    return json_text({
        "lfjb_version": __version__,
        "board": slug,
        "month": month,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "inputs": inputs,
        "outputs": outputs,
        "rows_rejected": rows_rejected,
    })
