// Container image references ("registry/repo:tag@sha256:..."), split the same way wherever
// they are read (Dockerfile FROM, Compose/Kubernetes/Helm image:).
#pragma once

#include <string>

#include "core/fact.hpp"
#include "core/text.hpp"

namespace openlock {

/// Sets reference, name (lower case, without tag and digest), tag and digest on an image fact.
inline Fact& set_image_attrs(Fact& f, const std::string& reference) {
  std::string name = reference, tag, digest;
  if (auto at = name.find('@'); at != std::string::npos) digest = name.substr(at + 1), name.resize(at);
  auto slash = name.rfind('/');
  if (auto colon = name.rfind(':'); colon != std::string::npos && (slash == std::string::npos || colon > slash))
    tag = name.substr(colon + 1), name.resize(colon);
  f.set("reference", reference).set("name", ascii_lower(name));
  if (!tag.empty()) f.set("tag", tag);
  if (!digest.empty()) f.set("digest", digest);
  return f;
}

}  // namespace openlock
