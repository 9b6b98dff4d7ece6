"""This folder is installed inside Sidra as the package ``game.data.assets`` (see
``[tool.setuptools.package-dir]`` in pyproject.toml), so the game finds its files with
importlib.resources from a wheel and from an editable install alike (game/resources.py)."""
