// The subset reader. It refuses (nullopt) rather than guesses: whatever it is not sure to read as
// yaml-cpp does goes to yaml-cpp, and a test checks that every built-in rule reads the same both ways.
#include "rules/lite_yaml.hpp"

#include <cctype>

namespace openlock {

const LiteNode& LiteNode::operator[](std::string_view key) const {
  static const LiteNode undefined;
  for (const auto& [k, v] : entries)
    if (k.kind == Kind::scalar && k.text == key) return v;
  return undefined;
}

namespace {

struct Unsupported {};  // the text is outside the subset (or not YAML at all)

bool is_key_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-' || c == '/';
}

// A plain scalar may start with these; YAML gives most other characters a meaning there.
bool is_plain_start(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '/' || c == '(' || c == '~' || c == '$';
}

// What yaml-cpp reads as null rather than as text.
bool is_null_word(std::string_view s) { return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL"; }

LiteNode make(LiteNode::Kind kind, int line, std::string text = {}) {
  LiteNode node;
  node.kind = kind;
  node.line = line;
  node.text = std::move(text);
  return node;
}

class Reader {
 public:
  explicit Reader(std::string_view text) : t_(text) {}

  LiteNode document() {
    skip_spaces();
    if (at_line_end()) next_content_line();
    if (done() || column() != 0 || !at_key()) throw Unsupported{};
    LiteNode root = block_map(0);
    if (!done()) throw Unsupported{};
    return root;
  }

 private:
  std::string_view t_;
  std::size_t pos_ = 0, line_start_ = 0;
  int line_ = 1, depth_ = 0;

  // Nesting beyond any rule's is refused before it can exhaust the stack.
  struct Deeper {
    explicit Deeper(int& depth) : depth_(depth) {
      if (++depth_ > 64) throw Unsupported{};
    }
    ~Deeper() { --depth_; }
    int& depth_;
  };

  bool done() const { return pos_ >= t_.size(); }
  char peek(std::size_t k = 0) const { return pos_ + k < t_.size() ? t_[pos_ + k] : '\0'; }
  int column() const { return static_cast<int>(pos_ - line_start_); }
  void skip_spaces() {
    while (peek() == ' ') ++pos_;
  }
  bool at_line_end() const {
    return done() || peek() == '\n' || (peek() == '#' && (pos_ == line_start_ || t_[pos_ - 1] == ' '));
  }
  bool at_seq_item() const { return peek() == '-' && (peek(1) == ' ' || peek(1) == '\n' || pos_ + 1 >= t_.size()); }

  // The word before ": " (or ":" at the end of the line) here, or empty when there is none.
  std::string_view key_here() const {
    if (!is_plain_start(peek()) || peek() == '~' || peek() == '(' || peek() == '$') return {};
    std::size_t end = pos_;
    while (end < t_.size() && is_key_char(t_[end])) ++end;
    if (end >= t_.size() || t_[end] != ':') return {};
    if (end + 1 < t_.size() && t_[end + 1] != ' ' && t_[end + 1] != '\n') return {};
    std::string_view word = t_.substr(pos_, end - pos_);
    return is_null_word(word) ? std::string_view{} : word;
  }
  bool at_key() const { return !key_here().empty(); }

  // From the end of a line's content (a comment, the line break or the end of the text) to the
  // first character of the next line that has any content.
  void next_content_line() {
    for (;;) {
      while (!done() && peek() != '\n') ++pos_;
      if (done()) return;
      ++pos_, ++line_, line_start_ = pos_;
      skip_spaces();
      if (!done() && peek() != '\n' && peek() != '#') return;
    }
  }

  void end_line() {
    skip_spaces();
    if (!at_line_end()) throw Unsupported{};
    next_content_line();
  }

  // A node that starts its own line at column `c`.
  LiteNode block(int c) {
    if (at_seq_item()) return block_seq(c);
    if (at_key()) return block_map(c);
    throw Unsupported{};
  }

  LiteNode block_map(int c) {
    LiteNode map = make(LiteNode::Kind::map, line_);
    for (;;) {
      std::string_view word = key_here();
      if (word.empty()) throw Unsupported{};
      LiteNode key = make(LiteNode::Kind::scalar, line_, std::string(word));
      pos_ += word.size() + 1;
      LiteNode value = value_after_indicator(c, true);
      map.entries.push_back({std::move(key), std::move(value)});
      if (done() || column() < c) return map;
      if (column() > c) throw Unsupported{};
    }
  }

  LiteNode block_seq(int c) {
    LiteNode seq = make(LiteNode::Kind::sequence, line_);
    for (;;) {
      ++pos_;  // the '-'
      seq.items.push_back(value_after_indicator(c, false));
      if (done() || column() < c) return seq;
      if (column() > c) throw Unsupported{};
      if (!at_seq_item()) return seq;  // "key:\n- a\nnext: b": the map at this column goes on
    }
  }

  // The value after a map's "key:" or a list's "-" at column `c`; ends at the next content line.
  LiteNode value_after_indicator(int c, bool in_map) {
    Deeper deeper(depth_);
    skip_spaces();
    if (at_line_end()) {
      int line = line_;
      next_content_line();
      if (!done() && column() > c) return block(column());
      if (!done() && in_map && column() == c && at_seq_item()) return block_seq(c);
      return make(LiteNode::Kind::null, line);
    }
    if (at_seq_item()) throw Unsupported{};                // "- - a", "key: - a"
    if (!in_map && at_key()) return block_map(column());  // "- key: value"
    LiteNode value;
    if (peek() == '{' || peek() == '[')
      value = flow(c);
    else if (peek() == '"' || peek() == '\'')
      value = quoted();
    else
      value = block_plain();
    end_line();
    return value;
  }

  // A plain scalar to the end of the line (or a comment). A next line indented more would
  // continue it; the caller refuses that, as a deeper line where none can start.
  LiteNode block_plain() {
    if (!is_plain_start(peek())) throw Unsupported{};
    LiteNode node = make(LiteNode::Kind::scalar, line_);
    std::size_t start = pos_;
    for (; !done() && peek() != '\n'; ++pos_) {
      char ch = peek();
      if (ch == '#' && t_[pos_ - 1] == ' ') break;
      if ((ch == ':' && (peek(1) == ' ' || peek(1) == '\n' || pos_ + 1 >= t_.size())) || ch == '[' || ch == ']' ||
          ch == '{' || ch == '}')
        throw Unsupported{};
    }
    std::string_view text = t_.substr(start, pos_ - start);
    while (text.ends_with(' ')) text.remove_suffix(1);
    if (is_null_word(text)) node.kind = LiteNode::Kind::null;
    node.text = std::string(text);
    return node;
  }

  // A quoted scalar on one line: "..." with only \" and \\ escapes, or '...' with ''.
  LiteNode quoted() {
    LiteNode node = make(LiteNode::Kind::scalar, line_);
    char quote = peek();
    ++pos_;
    for (;;) {
      if (done() || peek() == '\n') throw Unsupported{};
      char ch = peek();
      if (ch == quote && quote == '\'' && peek(1) == '\'') {
        node.text += '\'';
        pos_ += 2;
      } else if (ch == quote) {
        ++pos_;
        return node;
      } else if (ch == '\\' && quote == '"') {
        if (peek(1) != '"' && peek(1) != '\\') throw Unsupported{};
        node.text += peek(1);
        pos_ += 2;
      } else {
        node.text += ch;
        ++pos_;
      }
    }
  }

  // Spaces and line breaks inside a flow collection; a continued line must be indented more
  // than the block around it (`c`), and may not be blank or a comment.
  void skip_flow_space(int c) {
    for (;;) {
      if (peek() == ' ') {
        ++pos_;
      } else if (peek() == '\n') {
        ++pos_, ++line_, line_start_ = pos_;
        skip_spaces();
        if (done() || peek() == '\n' || column() <= c) throw Unsupported{};
      } else {
        return;
      }
    }
  }

  LiteNode flow(int c) {
    Deeper deeper(depth_);
    if (peek() == '"' || peek() == '\'') return quoted();
    if (peek() != '{' && peek() != '[') return flow_plain();
    bool is_map = peek() == '{';
    char close = is_map ? '}' : ']';
    LiteNode node = make(is_map ? LiteNode::Kind::map : LiteNode::Kind::sequence, line_);
    ++pos_;
    skip_flow_space(c);
    if (peek() == close) {
      ++pos_;
      return node;
    }
    for (;;) {
      if (is_map) {
        std::string_view word = key_here();
        if (word.empty()) throw Unsupported{};
        LiteNode key = make(LiteNode::Kind::scalar, line_, std::string(word));
        pos_ += word.size() + 1;
        skip_flow_space(c);
        if (peek() == ',' || peek() == '}') throw Unsupported{};  // a null value
        LiteNode value = flow(c);
        node.entries.push_back({std::move(key), std::move(value)});
      } else {
        node.items.push_back(flow(c));
      }
      skip_flow_space(c);
      if (peek() == close) {
        ++pos_;
        return node;
      }
      if (peek() != ',') throw Unsupported{};
      ++pos_;
      skip_flow_space(c);
      if (peek() == close) throw Unsupported{};  // a trailing comma
    }
  }

  // A plain scalar inside a flow collection: up to , [ ] { } or the line's end. A ':' is
  // refused (a "key: value" pair, or a URL, which yaml-cpp reads by its own rules).
  LiteNode flow_plain() {
    if (!is_plain_start(peek())) throw Unsupported{};
    LiteNode node = make(LiteNode::Kind::scalar, line_);
    std::size_t start = pos_;
    for (; !done(); ++pos_) {
      char ch = peek();
      if (ch == ',' || ch == '[' || ch == ']' || ch == '{' || ch == '}' || ch == '\n') break;
      if (ch == ':' || ch == '?' || ch == '#') throw Unsupported{};
    }
    std::string_view text = t_.substr(start, pos_ - start);
    while (text.ends_with(' ')) text.remove_suffix(1);
    if (is_null_word(text)) node.kind = LiteNode::Kind::null;
    node.text = std::string(text);
    return node;
  }
};

}  // namespace

std::optional<LiteNode> read_lite_yaml(std::string_view text) {
  // Tabs, CR and other control characters, and non-ASCII text, are left to yaml-cpp.
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x7f || (static_cast<unsigned char>(c) < 0x20 && c != '\n')) return std::nullopt;
  try {
    return Reader(text).document();
  } catch (const Unsupported&) {
    return std::nullopt;
  }
}

}  // namespace openlock
