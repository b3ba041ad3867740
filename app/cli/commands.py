"""``parley imagine | balance | embed | key | profiles``."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from app.cli.text import read_stdin
from app.core.config.profiles import (
    PRESETS,
    Profile,
    ProfileStore,
    preset_for_style,
    profile_to_dict,
)
from app.core.config.secrets import KeyStore
from app.core.errors import ConfigError, InputError, KeyringUnavailable
from app.core.gateway.client import Gateway


async def run_imagine(args: argparse.Namespace, profile: Profile, key: str,
                      out: TextIO, err: TextIO) -> int:
    folder = Path(args.out).expanduser()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create folder {folder}: {exc.strerror or exc}") from None
    async with Gateway(profile, key) as gateway:
        images = await gateway.generate_images(
            args.prompt, size=args.size, quality=args.quality, n=args.n,
            response_format=args.response_format,
        )
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for number, image in enumerate(images, 1):
        path = _free_path(folder / f"parley-{stamp}-{number}{image.extension}")
        path.write_bytes(image.data)
        out.write(f"{path}\n")
        if image.revised_prompt:
            err.write(f"parley: revised prompt: {image.revised_prompt}\n")
    return 0


def _free_path(path: Path) -> Path:
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


async def run_balance(args: argparse.Namespace, profile: Profile, key: str,
                      out: TextIO, err: TextIO) -> int:
    async with Gateway(profile, key) as gateway:
        result = await gateway.balance()
    if args.json:
        json.dump(result.data, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        # A preset's label would name a gateway that PARLEY_* may have replaced.
        name = profile.describe(quote=False) if profile.overridden_by else (
            profile.label or profile.name)
        out.write(f"{name}: {result.summary}\n")
    return 0


async def run_embed(args: argparse.Namespace, profile: Profile, key: str,
                    out: TextIO, err: TextIO) -> int:
    async with Gateway(profile, key) as gateway:
        result = await gateway.embed(args.texts, args.model)
    json.dump({"model": result.model, "embeddings": result.vectors}, out)
    out.write("\n")
    return 0


def run_key(args: argparse.Namespace, store: ProfileStore, keys: KeyStore,
            out: TextIO, err: TextIO) -> int:
    name = store.get(args.profile).name
    backend = keys.backend()
    if args.action == "status":
        _, source = keys.lookup(name)
        where = {"env": "from PARLEY_API_KEY", "keyring": f"in the keyring ({backend.name})",
                 "session": "kept for this run only", "none": "not set"}[source]
        out.write(f"profile '{name}': key {where}\n")
        if not backend.secure:
            out.write(f"keyring: {backend.name} is not secure ({backend.reason}); "
                      "keys cannot be saved\n")
        return 0 if source != "none" else ConfigError.exit_code
    if args.action == "delete":
        found = keys.delete(name)
        out.write(f"profile '{name}': key {'deleted' if found else 'was not stored'}\n")
        return 0
    key = _read_secret(f"API key for profile '{name}': ")
    if keys.set(name, key) != "keyring":
        raise KeyringUnavailable(
            f"the key was not saved: {keys.last_warning}",
            hint="unlock or install a keyring (GNOME Keyring, KWallet, macOS Keychain, "
                 "Windows Credential Manager), or set PARLEY_API_KEY for scripts",
        )
    out.write(f"profile '{name}': key saved in the keyring ({backend.name})\n")
    return 0


def _read_secret(prompt: str) -> str:
    """Without echo on a terminal; one line from a pipe (``pass show k | parley key set``)."""
    if sys.stdin is not None and sys.stdin.isatty():
        try:
            return getpass.getpass(prompt)
        except EOFError:
            return ""
    line = read_stdin(sys.stdin, line=True) if sys.stdin is not None else ""
    return line.strip()


def run_profiles(args: argparse.Namespace, store: ProfileStore, keys: KeyStore,
                 out: TextIO, err: TextIO) -> int:
    action = args.action
    if action in ("use", "show", "remove", "add") and not args.name:
        raise InputError(f"'parley profiles {action}' needs a profile name")
    if action == "use":
        store.set_active(args.name)
        out.write(f"active profile: {args.name}\n")
    elif action == "show":
        profile = store.get(args.name)
        json.dump(profile_to_dict(profile), out, indent=2, ensure_ascii=False)
        out.write("\n")
    elif action == "remove":
        store.delete(args.name)
        if args.name in PRESETS:
            out.write(f"profile '{args.name}' reset to its preset\n")
        else:
            keys.delete(args.name)
            out.write(f"profile '{args.name}' removed\n")
    elif action == "add":
        if not args.style or not args.base_url:
            raise InputError("'parley profiles add' needs --style and --base-url")
        profile = replace(preset_for_style(args.style), name=args.name,
                          label=args.label or args.name, base_url=args.base_url)
        if args.model:
            profile = replace(profile, chat_model=args.model)
        if args.api_version:
            profile = replace(profile, api_version=args.api_version)
        if args.context_window:
            profile = replace(profile, context_window=args.context_window)
        store.save(profile)
        out.write(f"profile '{args.name}' saved; set its key with "
                  f"'parley key set --profile {args.name}'\n")
    else:
        active = store.active_name()
        for name, profile in sorted(store.profiles().items()):
            mark = "*" if name == active else " "
            out.write(f"{mark} {name:<16} {profile.style:<7} {profile.base_url}  "
                      f"model {profile.chat_model}\n")
    return 0
