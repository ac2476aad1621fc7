// Running a session: the caller's buffers wrapped as input tensors without a copy, every output copied out.
#include "shim.h"

#include <stdlib.h>
#include <string.h>

/// Bytes per element of the types that cross this interface (float32, int32, int64); 0 for any other.
static size_t element_size(int32_t type) {
  switch (type) {
  case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT:
  case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32: return 4;
  case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64: return 8;
  default: return 0;
  }
}

/// Wraps the caller's buffer as an ORT tensor without copying it.
static int wrap_input(const OrtApi *api, const OrtMemoryInfo *memory, const connx_input *input, OrtValue **value,
                      char **error) {
  size_t size = element_size(input->element_type), count = 1;
  if (size == 0)
    return connx_fail(error, "input '%s': element type %s cannot be passed (only float32, int32 and int64)",
                      input->name, connx_type_name(input->element_type));
  for (size_t d = 0; d < input->rank; d++) count *= (size_t)input->shape[d];
  static int64_t no_data;
  void *data = input->data != NULL ? (void *)input->data : &no_data;
  OrtStatus *status = api->CreateTensorWithDataAsOrtValue(memory, data, count * size, input->shape, input->rank,
                                                          (ONNXTensorElementDataType)input->element_type, value);
  return connx_check(api, status, error);
}

/// Reads an output's element type, shape and element count into `tensor`.
static int read_shape(const OrtApi *api, const OrtValue *value, connx_tensor *tensor, char **error) {
  OrtTensorTypeAndShapeInfo *info = NULL;
  if (connx_check(api, api->GetTensorTypeAndShape(value, &info), error)) return -1;
  ONNXTensorElementDataType type = ONNX_TENSOR_ELEMENT_DATA_TYPE_UNDEFINED;
  size_t rank = 0, count = 0;
  int failed = connx_check(api, api->GetTensorElementType(info, &type), error) ||
               connx_check(api, api->GetDimensionsCount(info, &rank), error) ||
               connx_check(api, api->GetTensorShapeElementCount(info, &count), error);
  if (!failed) {
    tensor->element_type = (int32_t)type, tensor->rank = rank, tensor->count = count;
    tensor->shape = calloc(rank ? rank : 1, sizeof *tensor->shape);
    failed = tensor->shape == NULL ? connx_fail(error, "out of memory")
                                   : connx_check(api, api->GetDimensions(info, tensor->shape, rank), error);
  }
  api->ReleaseTensorTypeAndShapeInfo(info);
  return failed ? -1 : 0;
}

/// Copies one run output into malloc'd buffers; refuses element types other than float32, int32 and int64.
static int copy_output(const OrtApi *api, OrtValue *value, const char *name, connx_tensor *tensor, char **error) {
  int is_tensor = 0;
  if (connx_check(api, api->IsTensor(value, &is_tensor), error)) return -1;
  if (!is_tensor) return connx_fail(error, "output '%s' is not a tensor (a sequence or map) and cannot be read", name);
  if (read_shape(api, value, tensor, error)) return -1;
  size_t size = element_size(tensor->element_type), count = tensor->count;
  if (size == 0)
    return connx_fail(error, "output '%s' has element type %s; only float32, int32 and int64 outputs can be read",
                      name, connx_type_name(tensor->element_type));
  void *source = NULL;
  if (count > 0 && connx_check(api, api->GetTensorMutableData(value, &source), error)) return -1;
  if ((tensor->data = malloc(count ? count * size : 1)) == NULL) return connx_fail(error, "out of memory");
  if (count > 0) memcpy(tensor->data, source, count * size);
  return 0;
}

int connx_session_run(connx_session session, const connx_input *inputs, size_t input_count, connx_tensor *outputs,
                      char **error) {
  *error = NULL;
  const OrtApi *api = session->api;
  size_t output_count = session->output_count;
  memset(outputs, 0, output_count * sizeof *outputs);
  const char **input_names = calloc(input_count + 1, sizeof *input_names);
  const char **output_names = calloc(output_count + 1, sizeof *output_names);
  OrtValue **input_values = calloc(input_count + 1, sizeof *input_values);
  OrtValue **output_values = calloc(output_count + 1, sizeof *output_values);
  OrtMemoryInfo *memory = NULL;
  int failed = !input_names || !output_names || !input_values || !output_values
                   ? connx_fail(error, "out of memory")
                   : connx_check(api, api->CreateCpuMemoryInfo(OrtArenaAllocator, OrtMemTypeDefault, &memory), error);
  for (size_t i = 0; !failed && i < input_count; i++) {
    input_names[i] = inputs[i].name;
    failed = wrap_input(api, memory, &inputs[i], &input_values[i], error);
  }
  for (size_t i = 0; !failed && i < output_count; i++) output_names[i] = session->outputs[i].name;
  if (!failed)
    failed = connx_check(api, api->Run(session->session, NULL, input_names, (const OrtValue *const *)input_values,
                                       input_count, output_names, output_count, output_values), error);
  for (size_t i = 0; !failed && i < output_count; i++)
    failed = copy_output(api, output_values[i], output_names[i], &outputs[i], error);
  for (size_t i = 0; failed && i < output_count; i++) connx_tensor_free(&outputs[i]);
  for (size_t i = 0; input_values != NULL && i < input_count; i++)
    if (input_values[i] != NULL) api->ReleaseValue(input_values[i]);
  for (size_t i = 0; output_values != NULL && i < output_count; i++)
    if (output_values[i] != NULL) api->ReleaseValue(output_values[i]);
  if (memory != NULL) api->ReleaseMemoryInfo(memory);
  free(input_names), free(output_names), free(input_values), free(output_values);
  return failed ? -1 : 0;
}

void connx_tensor_free(connx_tensor *tensor) {
  free(tensor->shape), free(tensor->data);
  memset(tensor, 0, sizeof *tensor);
}
