// Model Openness Framework: evaluate a Model Openness Tool record without a scan.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "openlock/export.hpp"
#include "openlock/result.hpp"

namespace openlock {

/// One MOF component of a record.
struct MofComponent {
  std::string name;     ///< e.g. "Model parameters (Final)"
  std::string status;   ///< open | not_open | unlicensed | absent
  std::string license;  ///< the license that applies (the component's, else the record's global one)
};

/// Class and progress of a record, as the Model Openness Tool computes them.
struct MofEvaluation {
  bool ok = false;          ///< the record could be read
  std::string error;        ///< why not, with the line, when !ok
  std::string name;         ///< release.name
  int model_class = 0;      ///< 1 (Class I, open science), 2 (II, open tooling), 3 (III, open model), 0 none
  double progress_class3 = 0, progress_class2 = 0, progress_class1 = 0;  ///< percent
  std::vector<MofComponent> components;  ///< all 17, in MOF order (class III first)
};

/// "I", "II", "III" or "none".
OPENLOCK_API std::string mof_class_name(int model_class);

/// Evaluates a MOF record (the Model Openness Tool's YAML: framework, release.license,
/// release.components). A component is open when its license (its own, else the release's
/// global license for its content type, else the distribution license) is one the tool counts
/// as open. Classes are cumulative: the progress of a class counts only once every class above
/// it is complete. A research paper stands in for a missing technical report. Never throws.
OPENLOCK_API MofEvaluation evaluate_mof(std::string_view record_yaml);

/// Writes a scanned model as a Model Openness Tool record (the YAML evaluate_mof reads and the
/// MOT accepts): the card's license as the distribution license, each published component with
/// the evidence openlock found as its description and its own license where it differs.
/// Evaluating the record gives the scan's class and progress.
OPENLOCK_API void write_mof_record(const Model& model, std::ostream& out);

}  // namespace openlock
