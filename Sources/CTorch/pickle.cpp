// Reading Python `torch.save` files through torch::jit::pickle_load (a heavy header: kept in its own file).
#include "handle.hpp"

#include <torch/csrc/jit/serialization/pickle.h>

#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

struct ctorch_named_list_s {
  std::vector<std::pair<std::string, at::Tensor>> entries;
};

namespace {

std::string join(const std::string &prefix, const std::string &name) {
  return prefix.empty() ? name : prefix + "." + name;
}

std::string key_name(const c10::IValue &key) {
  if (key.isString()) return key.toStringRef();
  if (key.isInt()) return std::to_string(key.toInt());
  throw std::invalid_argument("dictionary key of type " + key.tagKind() + " is not a string or integer");
}

/// Appends every tensor under `value`, naming nested entries with dots.
void flatten(const c10::IValue &value, const std::string &name, ctorch_named_list_s &out) {
  if (value.isTensor()) {
    out.entries.emplace_back(name, value.toTensor());
  } else if (value.isInt()) {
    out.entries.emplace_back(name, at::scalar_tensor(value.toInt(), at::kLong));
  } else if (value.isDouble()) {
    out.entries.emplace_back(name, at::scalar_tensor(value.toDouble(), at::kDouble));
  } else if (value.isBool()) {
    out.entries.emplace_back(name, at::scalar_tensor(value.toBool(), at::kBool));
  } else if (value.isGenericDict()) {
    for (const auto &entry : value.toGenericDict()) flatten(entry.value(), join(name, key_name(entry.key())), out);
  } else if (value.isList()) {
    auto list = value.toList();
    for (size_t i = 0; i < list.size(); ++i) flatten(list.get(i), join(name, std::to_string(i)), out);
  } else if (value.isTuple()) {
    const auto &elements = value.toTupleRef().elements();
    for (size_t i = 0; i < elements.size(); ++i) flatten(elements[i], join(name, std::to_string(i)), out);
  } else if (!value.isNone()) {
    throw std::invalid_argument("entry '" + name + "' has unsupported type " + value.tagKind());
  }
}

ctorch_named_list_s &list_ref(ctorch_named_list list) {
  if (list == nullptr) throw std::invalid_argument("NULL named list");
  return *list;
}

} // namespace

extern "C" {

ctorch_named_list ctorch_pickle_load(const char *path) {
  CTORCH_GUARD(
      std::ifstream file(path, std::ios::binary);
      if (!file) throw std::runtime_error(std::string("cannot open ") + path);
      std::vector<char> bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
      auto value = torch::jit::pickle_load(bytes);
      if (!value.isGenericDict()) throw std::invalid_argument(std::string(path) + ": top-level object is not a dict");
      auto list = std::make_unique<ctorch_named_list_s>(); flatten(value, "", *list); return list.release();,
      nullptr)
}

int64_t ctorch_named_list_count(ctorch_named_list list) {
  CTORCH_GUARD(return static_cast<int64_t>(list_ref(list).entries.size());, -1)
}

const char *ctorch_named_list_name(ctorch_named_list list, int64_t i) {
  CTORCH_GUARD(return list_ref(list).entries.at(i).first.c_str();, nullptr)
}

ctorch_tensor ctorch_named_list_tensor(ctorch_named_list list, int64_t i) {
  CTORCH_GUARD(return ctorch::wrap(list_ref(list).entries.at(i).second);, nullptr)
}

void ctorch_named_list_free(ctorch_named_list list) { CTORCH_GUARD(delete list; return;, ) }

}
