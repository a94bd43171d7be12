import pathlib
pathlib.Path("EXECUTED-conftest.py").write_text("conftest.py ran")
