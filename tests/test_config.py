from __future__ import annotations

from pathlib import Path

import pytest

from reporter.config import Config, load_config, overlay
from reporter.errors import ConfigError


def test_defaults_then_file_then_flags(tmp_path: Path) -> None:
    path = tmp_path / "reporter.toml"
    path.write_text("[dedupe]\nthreshold = 0.7\n[render]\nformats = ['html']\n")
    cfg = load_config(path, {"dedupe": {"threshold": 0.9}})
    assert cfg.dedupe.threshold == 0.9
    assert cfg.render.formats == ("html",)
    assert cfg.cluster == Config().cluster


@pytest.mark.parametrize(
    "values, message",
    [
        ({"dedup": {}}, "unknown section [dedup]; allowed: align, clean"),
        ({"dedupe": {"treshold": 1}}, "unknown key 'treshold'; allowed: shingle_words, threshold"),
        ({"dedupe": {"threshold": "high"}}, "threshold must be float"),
        ({"clean": {"repeated_lines": 1}}, "repeated_lines must be bool"),
    ],
)
def test_bad_settings_name_the_allowed_values(values: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
        overlay(Config(), values)


def test_unreadable_file_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("[dedupe\n")
    with pytest.raises(ConfigError, match="cannot read settings file"):
        load_config(path)
