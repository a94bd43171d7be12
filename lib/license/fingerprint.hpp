// Word n-gram fingerprints of license texts: the normalised words of a text, the hashed word
// trigrams they form, and the compact encoding the knowledge base stores them in. Only hashes
// are stored, never the texts (they are others' prose).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openlock {

/// One hashed word trigram and the line its first word is on.
struct Gram {
  std::uint32_t hash = 0;
  std::uint32_t line = 0;
};

/// The trigrams of a text in order. Words are ASCII letter/digit runs (lower-cased, with Latin
/// letters beyond ASCII kept inside words) and single CJK characters; punctuation and Markdown
/// marks are dropped, so reflowed lines, bullets and emphasis do not change the result.
/// Copyright notice lines ("Copyright (c) 2024 ...") are skipped: they differ in every copy.
std::vector<Gram> text_grams(std::string_view text);

/// The distinct hashes of `grams`, sorted.
std::vector<std::uint32_t> gram_set(const std::vector<Gram>& grams);

/// A license text's trigram sets: `required` from the whole text, `optional` only from the part
/// copies often leave out (from the first line containing `optional_from` to the end).
struct Fingerprint {
  std::vector<std::uint32_t> required;
  std::vector<std::uint32_t> optional;
};

/// Fingerprint of a text; nullopt when `optional_from` is given and not found.
std::optional<Fingerprint> fingerprint_text(std::string_view text, std::string_view optional_from = {});

/// Sorted distinct hashes as base64 of LEB128-encoded deltas; whitespace in the input of
/// decode is ignored. decode returns nullopt for malformed text.
std::string encode_gram_set(const std::vector<std::uint32_t>& sorted);
std::optional<std::vector<std::uint32_t>> decode_gram_set(std::string_view text);

/// How many values two sorted distinct sequences share.
std::size_t shared_count(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b);

}  // namespace openlock
