// The one list of parsers. Adding a parser = one source pair + one line here.
#include "parse/c_family_source.hpp"
#include "parse/cargo_toml.hpp"
#include "parse/cmake.hpp"
#include "parse/cmake_presets.hpp"
#include "parse/conda_env.hpp"
#include "parse/deploy_yaml.hpp"
#include "parse/dockerfile.hpp"
#include "parse/go_mod.hpp"
#include "parse/license_file.hpp"
#include "parse/package_json.hpp"
#include "parse/model_card.hpp"
#include "parse/parser.hpp"
#include "parse/pyproject.hpp"
#include "parse/python_source.hpp"
#include "parse/requirements.hpp"
#include "parse/setup_cfg.hpp"
#include "parse/triton_config.hpp"

namespace openlock {

namespace {
const Parser kParsers[] = {
    {"model_card", FileKind::model_card, "huggingface", model_card_accepts, parse_model_card},
    {"license_file", FileKind::license_text, "", license_file_accepts, parse_license_file},
    {"requirements", FileKind::manifest, "pypi", requirements_accepts, parse_requirements},
    {"pyproject", FileKind::manifest, "pypi", pyproject_accepts, parse_pyproject},
    {"dockerfile", FileKind::deploy, "docker", dockerfile_accepts, parse_dockerfile},
    {"package_json", FileKind::manifest, "npm", package_json_accepts, parse_package_json},
    {"go_mod", FileKind::manifest, "go", go_mod_accepts, parse_go_mod},
    {"setup_cfg", FileKind::manifest, "pypi", setup_cfg_accepts, parse_setup_cfg},
    {"conda_env", FileKind::manifest, "conda", conda_env_accepts, parse_conda_env},
    {"cargo_toml", FileKind::manifest, "cargo", cargo_toml_accepts, parse_cargo_toml},
    {"cmake_presets", FileKind::manifest, "cmake", cmake_presets_accepts, parse_cmake_presets},
    {"triton_config", FileKind::deploy, "triton", triton_config_accepts, parse_triton_config},
    {"deploy_yaml", FileKind::deploy, "", deploy_yaml_accepts, parse_deploy_yaml},
    {"python_source", FileKind::source, "python", python_source_accepts, parse_python_source},
    {"cmake", FileKind::manifest, "cmake", cmake_accepts, parse_cmake},
    {"c_family_source", FileKind::source, "", c_family_source_accepts, parse_c_family_source},
};
}  // namespace

std::span<const Parser> parsers() { return kParsers; }

const Parser* parser_for(std::string_view rel_path) {
  for (const auto& p : kParsers)
    if (p.accepts(rel_path)) return &p;
  return nullptr;
}

}  // namespace openlock
