// setup.cfg (setuptools declarative config): install_requires, setup_requires, extras_require
// and the [metadata] license. INI read by hand: nothing of the project runs.
#pragma once
#include "parse/parser.hpp"
namespace openlock {
bool setup_cfg_accepts(std::string_view rel_path);
void parse_setup_cfg(const ParseInput& in, ParseOutput& out);
}  // namespace openlock
