// Views, joins, slicing, gathers/scatters, masks, sorting.
#include "handle.hpp"

#include <vector>

using ctorch::ints;
using ctorch::unwrap;
using ctorch::wrap;

namespace {
std::vector<at::Tensor> tensor_list(const ctorch_tensor *tensors, int count) {
  if (count <= 0) throw std::invalid_argument("expected a non-empty list of tensors");
  std::vector<at::Tensor> list;
  list.reserve(count);
  for (int i = 0; i < count; ++i) list.push_back(unwrap(tensors[i]));
  return list;
}
} // namespace

extern "C" {

ctorch_tensor ctorch_reshape(ctorch_tensor a, const int64_t *shape, int ndim) {
  CTORCH_GUARD(return wrap(unwrap(a).reshape(ints(shape, ndim)));, nullptr)
}

ctorch_tensor ctorch_permute(ctorch_tensor a, const int64_t *dims, int ndim) {
  CTORCH_GUARD(return wrap(unwrap(a).permute(ints(dims, ndim)));, nullptr)
}

ctorch_tensor ctorch_transpose(ctorch_tensor a, int64_t dim0, int64_t dim1) {
  CTORCH_GUARD(return wrap(unwrap(a).transpose(dim0, dim1));, nullptr)
}

ctorch_tensor ctorch_squeeze(ctorch_tensor a, int64_t dim) { CTORCH_GUARD(return wrap(unwrap(a).squeeze(dim));, nullptr) }

ctorch_tensor ctorch_unsqueeze(ctorch_tensor a, int64_t dim) {
  CTORCH_GUARD(return wrap(unwrap(a).unsqueeze(dim));, nullptr)
}

ctorch_tensor ctorch_flatten(ctorch_tensor a, int64_t start, int64_t end) {
  CTORCH_GUARD(return wrap(unwrap(a).flatten(start, end));, nullptr)
}

ctorch_tensor ctorch_expand(ctorch_tensor a, const int64_t *shape, int ndim) {
  CTORCH_GUARD(return wrap(unwrap(a).expand(ints(shape, ndim)));, nullptr)
}

ctorch_tensor ctorch_repeat(ctorch_tensor a, const int64_t *repeats, int ndim) {
  CTORCH_GUARD(return wrap(unwrap(a).repeat(ints(repeats, ndim)));, nullptr)
}

ctorch_tensor ctorch_cat(const ctorch_tensor *tensors, int count, int64_t dim) {
  CTORCH_GUARD(return wrap(at::cat(tensor_list(tensors, count), dim));, nullptr)
}

ctorch_tensor ctorch_stack(const ctorch_tensor *tensors, int count, int64_t dim) {
  CTORCH_GUARD(return wrap(at::stack(tensor_list(tensors, count), dim));, nullptr)
}

int ctorch_split(ctorch_tensor a, const int64_t *sizes, int count, int64_t dim, ctorch_tensor *out) {
  CTORCH_GUARD(
      auto pieces = at::split_with_sizes(unwrap(a), ints(sizes, count), dim);
      for (size_t i = 0; i < pieces.size(); ++i) out[i] = wrap(pieces[i]);
      return 0;, -1)
}

ctorch_tensor ctorch_slice(ctorch_tensor a, int64_t dim, int64_t start, int64_t end, int64_t step) {
  CTORCH_GUARD(return wrap(unwrap(a).slice(dim, start, end, step));, nullptr)
}

ctorch_tensor ctorch_index_select(ctorch_tensor a, int64_t dim, ctorch_tensor index) {
  CTORCH_GUARD(return wrap(at::index_select(unwrap(a), dim, unwrap(index)));, nullptr)
}

ctorch_tensor ctorch_gather(ctorch_tensor a, int64_t dim, ctorch_tensor index) {
  CTORCH_GUARD(return wrap(at::gather(unwrap(a), dim, unwrap(index)));, nullptr)
}

ctorch_tensor ctorch_scatter(ctorch_tensor a, int64_t dim, ctorch_tensor index, ctorch_tensor src, int add) {
  CTORCH_GUARD(return wrap(add != 0 ? at::scatter_add(unwrap(a), dim, unwrap(index), unwrap(src))
                                    : at::scatter(unwrap(a), dim, unwrap(index), unwrap(src)));,
               nullptr)
}

ctorch_tensor ctorch_masked_select(ctorch_tensor a, ctorch_tensor mask) {
  CTORCH_GUARD(return wrap(at::masked_select(unwrap(a), unwrap(mask)));, nullptr)
}

ctorch_tensor ctorch_masked_fill(ctorch_tensor a, ctorch_tensor mask, double value) {
  CTORCH_GUARD(return wrap(at::masked_fill(unwrap(a), unwrap(mask), value));, nullptr)
}

ctorch_tensor ctorch_where(ctorch_tensor condition, ctorch_tensor a, ctorch_tensor b) {
  CTORCH_GUARD(return wrap(at::where(unwrap(condition), unwrap(a), unwrap(b)));, nullptr)
}

ctorch_tensor ctorch_nonzero(ctorch_tensor a) { CTORCH_GUARD(return wrap(at::nonzero(unwrap(a)));, nullptr) }

int ctorch_topk(ctorch_tensor a, int64_t k, int64_t dim, int largest, int sorted, ctorch_tensor *values,
                ctorch_tensor *indices) {
  CTORCH_GUARD(auto result = at::topk(unwrap(a), k, dim, largest != 0, sorted != 0);
               *values = wrap(std::get<0>(result)); *indices = wrap(std::get<1>(result)); return 0;, -1)
}

int ctorch_sort(ctorch_tensor a, int64_t dim, int descending, int stable, ctorch_tensor *values,
                ctorch_tensor *indices) {
  CTORCH_GUARD(auto result = at::sort(unwrap(a), std::optional<bool>(stable != 0), dim, descending != 0);
               *values = wrap(std::get<0>(result)); *indices = wrap(std::get<1>(result)); return 0;, -1)
}

ctorch_tensor ctorch_index_put(ctorch_tensor a, ctorch_tensor index, ctorch_tensor values, int accumulate) {
  CTORCH_GUARD(c10::List<std::optional<at::Tensor>> indices; indices.push_back(unwrap(index));
               return wrap(at::index_put(unwrap(a), indices, unwrap(values), accumulate != 0));, nullptr)
}

}
