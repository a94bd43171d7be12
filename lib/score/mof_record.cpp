// write_mof_record (openlock/openness.hpp): a scanned model as a Model Openness Tool record.
#include <yaml-cpp/yaml.h>

#include "openlock/openness.hpp"

namespace openlock {

void write_mof_record(const Model& model, std::ostream& out) {
  // The distribution license: what the components mostly carry (the card's, as the MOF sees it).
  std::string distribution;
  for (const auto& e : model.openness.evidence)
    if (e.name == "Model card") distribution = e.license;
  YAML::Emitter y;
  y << YAML::BeginMap;
  y << YAML::Key << "framework" << YAML::Value << YAML::BeginMap;
  y << YAML::Key << "name" << YAML::Value << "Model Openness Framework";
  y << YAML::Key << "version" << YAML::Value << YAML::SingleQuoted << "1.0";
  y << YAML::Key << "date" << YAML::Value << YAML::SingleQuoted << "2024-12-15";
  y << YAML::EndMap;
  y << YAML::Key << "release" << YAML::Value << YAML::BeginMap;
  y << YAML::Key << "name" << YAML::Value << model.name;
  y << YAML::Key << "version" << YAML::Value << YAML::SingleQuoted << "";
  y << YAML::Key << "date" << YAML::Value << YAML::SingleQuoted << "";
  y << YAML::Key << "type" << YAML::Value << YAML::SingleQuoted << "";
  y << YAML::Key << "architecture" << YAML::Value << YAML::SingleQuoted << "";
  y << YAML::Key << "origin" << YAML::Value << (model.base_model.empty() ? std::string() : model.base_model.front().id);
  y << YAML::Key << "producer" << YAML::Value << YAML::SingleQuoted << "";
  y << YAML::Key << "contact" << YAML::Value << YAML::SingleQuoted << "";
  y << YAML::Key << "license" << YAML::Value << YAML::BeginMap;
  y << YAML::Key << "distribution" << YAML::Value << YAML::BeginMap;
  y << YAML::Key << "name" << YAML::Value << (distribution.empty() ? "unlicensed" : distribution);
  y << YAML::Key << "path" << YAML::Value << YAML::SingleQuoted << "";
  y << YAML::EndMap << YAML::EndMap;
  y << YAML::Key << "components" << YAML::Value << YAML::BeginSeq;
  for (const auto& e : model.openness.evidence) {
    if (e.status == "absent") continue;
    y << YAML::BeginMap;
    y << YAML::Key << "name" << YAML::Value << e.name;
    std::string where = e.location.line ? e.location.path + ":" + std::to_string(e.location.line) : e.location.path;
    std::string found = e.source == "file" || e.source == "card" ? where : where + ": " + e.evidence;
    y << YAML::Key << "description" << YAML::Value << "openlock found " + e.source + " " + found;
    if (e.license != distribution) y << YAML::Key << "license" << YAML::Value << (e.license.empty() ? "unlicensed" : e.license);
    y << YAML::EndMap;
  }
  y << YAML::EndSeq << YAML::EndMap << YAML::EndMap;
  out << y.c_str() << "\n";
}

}  // namespace openlock
