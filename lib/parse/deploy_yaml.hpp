// Deployment YAML: Docker Compose files, Kubernetes manifests and Helm values. One tree walk
// that knows the keys these formats share (image, resources, runtime, devices, nodeSelector,
// tolerations, env).
#pragma once
#include "parse/parser.hpp"
namespace openlock {
bool deploy_yaml_accepts(std::string_view rel_path);
void parse_deploy_yaml(const ParseInput& in, ParseOutput& out);
}  // namespace openlock
