// A reader for the small part of YAML the built-in rules are written in, without yaml-cpp:
// yaml-cpp takes most of the start-up of a scan building its node trees for ~75 rule files.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openlock {

struct LiteEntry;

/// A YAML node with the few calls of YAML::Node the rule loader makes (IsMap, Scalar, doc["key"],
/// ...), so that one loader reads both. A default-constructed node is undefined, like the node
/// yaml-cpp returns for a missing key.
struct LiteNode {
  enum class Kind { undefined, null, scalar, sequence, map };
  Kind kind = Kind::undefined;
  int line = 0;                                        ///< 1-based line where the node starts
  std::string text;                                    ///< scalar
  std::vector<LiteNode> items;                         ///< sequence
  std::vector<LiteEntry> entries;                      ///< map: keys and values, in order

  explicit operator bool() const { return kind != Kind::undefined; }
  bool IsNull() const { return kind == Kind::null; }
  bool IsScalar() const { return kind == Kind::scalar; }
  bool IsSequence() const { return kind == Kind::sequence; }
  bool IsMap() const { return kind == Kind::map; }
  const std::string& Scalar() const { return text; }
  std::size_t size() const;
  /// The value of the first scalar key `key` of a map; an undefined node if there is none.
  const LiteNode& operator[](std::string_view key) const;
};

/// A key and its value, named as in std::pair (the loader reads yaml-cpp's entries the same way).
/// Not a std::pair<LiteNode, LiteNode>: instantiating that within LiteNode is a cycle clang rejects.
struct LiteEntry {
  LiteNode first;
  LiteNode second;
};

inline std::size_t LiteNode::size() const { return kind == Kind::map ? entries.size() : items.size(); }

/// Reads `text` when it keeps to this subset of YAML; nullopt when it does not (the caller then
/// uses yaml-cpp). The subset: ASCII text with '\n' line ends, block maps whose keys are plain
/// words, block lists (also "- key: value"), flow maps and lists (which may span lines), plain
/// scalars on one line, one-line quoted scalars ("..." with only \" and \\ escapes, '...'),
/// and comments. Anything else (anchors, tags, block scalars, multi-line plain scalars,
/// tabs, CR, a second document, ...) is outside it, and so is text that is not valid YAML.
std::optional<LiteNode> read_lite_yaml(std::string_view text);

}  // namespace openlock
