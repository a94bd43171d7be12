# If anything ran this file, it would leave a marker; openlock must only read it.
import pathlib
pathlib.Path("EXECUTED-setup.py").write_text("setup.py ran")
from setuptools import setup
setup(name="trap", install_requires=["openai"])
