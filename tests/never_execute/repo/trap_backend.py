import pathlib
pathlib.Path("EXECUTED-build-backend").write_text("the build backend ran")
