// Dependencies and their package URLs (https://github.com/package-url/purl-spec): the type from
// the ecosystem, the name percent-encoded where the spec says so, the version only when pinned.
#include "score/dependencies.hpp"

#include <algorithm>
#include <cctype>
#include <tuple>

#include "core/uri.hpp"

namespace openlock {

namespace {

std::string purl_type(std::string_view ecosystem) {
  if (ecosystem == "go") return "golang";
  if (ecosystem == "pypi" || ecosystem == "npm" || ecosystem == "cargo" || ecosystem == "conda" || ecosystem == "docker" ||
      ecosystem == "deb" || ecosystem == "apk" || ecosystem == "gem" || ecosystem == "nuget" || ecosystem == "maven")
    return std::string(ecosystem);
  return "generic";
}

// "==2.3.0" or "2.3.0" (exact pins) -> "2.3.0"; ranges give no version.
std::string pinned(std::string_view spec) {
  if (spec.starts_with("===")) spec.remove_prefix(3);
  else if (spec.starts_with("==")) spec.remove_prefix(2);
  if (spec.empty() || spec.find_first_of("<>=!~^*, |") != std::string_view::npos) return {};
  return std::string(spec);
}

std::string package_purl(const std::string& type, const std::string& name, const std::string& version) {
  std::string path;
  if (type == "npm" && name.starts_with("@")) {  // pkg:npm/%40scope/name
    auto slash = name.find('/');
    path = percent_encode(name.substr(0, slash)) + (slash == std::string::npos ? "" : "/" + percent_encode(name.substr(slash + 1)));
  } else {
    path = percent_encode(name, type == "golang" || type == "generic");
  }
  return "pkg:" + type + "/" + path + (version.empty() ? "" : "@" + percent_encode(version));
}

// pkg:docker/nvidia/cuda?tag=12.4 ; a registry host becomes the repository_url qualifier.
std::string image_purl(const std::string& name, const std::string& tag, const std::string& digest) {
  std::string repo = name, registry;
  auto slash = repo.find('/');
  if (slash != std::string::npos && (repo.find('.') < slash || repo.find(':') < slash || repo.starts_with("localhost/"))) {
    registry = repo.substr(0, slash);
    repo = repo.substr(slash + 1);
  }
  std::string purl = "pkg:docker/" + percent_encode(repo, true) + (digest.empty() ? "" : "@" + percent_encode(digest));
  std::string query;
  if (!registry.empty()) query += "repository_url=" + percent_encode(registry);
  if (!tag.empty()) query += (query.empty() ? "" : "&") + std::string("tag=") + percent_encode(tag);
  return query.empty() ? purl : purl + "?" + query;
}

}  // namespace

std::vector<Dependency> collect_dependencies(const std::vector<Fact>& facts) {
  std::vector<Dependency> out;
  for (const auto& f : facts) {
    if (f.kind == "dependency" && !f.get("name").empty()) {
      Dependency d;
      d.ecosystem = f.get("ecosystem");
      d.name = f.get("name");
      d.spec = f.get("spec");
      d.version = f.has("version") ? std::string(f.get("version")) : pinned(d.spec);
      d.scope = f.get("scope");
      d.purl = package_purl(purl_type(d.ecosystem), d.name, d.version);
      d.location = f.location;
      out.push_back(std::move(d));
    } else if (f.kind == "image" && !f.get("name").empty()) {
      Dependency d;
      d.ecosystem = "docker";
      d.name = f.get("name");
      d.version = f.get("tag");
      d.spec = f.get("reference");
      d.purl = image_purl(d.name, d.version, std::string(f.get("digest")));
      d.location = f.location;
      out.push_back(std::move(d));
    }
  }
  std::sort(out.begin(), out.end(), [](const Dependency& a, const Dependency& b) {
    return std::tie(a.purl, a.location.path, a.location.line) < std::tie(b.purl, b.location.path, b.location.line);
  });
  return out;
}

}  // namespace openlock
