// Sessions: loading a model file on the CPU and reading the names, element types and shapes of its values.
#define _GNU_SOURCE
#include "shim.h"

#include <stdlib.h>
#include <string.h>

/// Copies the element type and shape of a model value; a value that is not a tensor keeps type 0 and rank 0.
static int describe_type(const OrtApi *api, const OrtTypeInfo *type, connx_value_info *info, char **error) {
  const OrtTensorTypeAndShapeInfo *tensor = NULL;
  if (connx_check(api, api->CastTypeInfoToTensorInfo(type, &tensor), error)) return -1;
  if (tensor == NULL) return 0;
  ONNXTensorElementDataType element;
  size_t rank = 0;
  if (connx_check(api, api->GetTensorElementType(tensor, &element), error) ||
      connx_check(api, api->GetDimensionsCount(tensor, &rank), error))
    return -1;
  int64_t *shape = calloc(rank ? rank : 1, sizeof *shape);
  if (shape == NULL) return connx_fail(error, "out of memory");
  info->element_type = (int32_t)element, info->rank = rank, info->shape = shape;
  return connx_check(api, api->GetDimensions(tensor, shape, rank), error);
}

/// Reads the name and type of value `index` of the session's inputs (outputs when `outputs` is 1).
static int describe_value(const OrtApi *api, const OrtSession *session, int outputs, size_t index,
                          connx_value_info *info, char **error) {
  OrtAllocator *allocator = NULL;
  char *name = NULL;
  if (connx_check(api, api->GetAllocatorWithDefaultOptions(&allocator), error) ||
      connx_check(api, (outputs ? api->SessionGetOutputName : api->SessionGetInputName)(session, index, allocator,
                                                                                          &name), error))
    return -1;
  info->name = strdup(name);
  OrtStatus *freed = api->AllocatorFree(allocator, name);
  if (freed != NULL) api->ReleaseStatus(freed);  // ORT's copy of the name is gone or leaked; neither matters here
  if (info->name == NULL) return connx_fail(error, "out of memory");
  OrtTypeInfo *type = NULL;
  if (connx_check(api, (outputs ? api->SessionGetOutputTypeInfo : api->SessionGetInputTypeInfo)(session, index,
                                                                                                  &type), error))
    return -1;
  int failed = describe_type(api, type, info, error);
  api->ReleaseTypeInfo(type);
  return failed;
}

/// Reads the descriptions of all the session's inputs (outputs when `outputs` is 1).
static int describe_values(struct connx_session_s *session, int outputs, char **error) {
  const OrtApi *api = session->api;
  size_t count = 0;
  OrtStatus *status = (outputs ? api->SessionGetOutputCount : api->SessionGetInputCount)(session->session, &count);
  if (connx_check(api, status, error)) return -1;
  connx_value_info *infos = calloc(count ? count : 1, sizeof *infos);
  if (infos == NULL) return connx_fail(error, "out of memory");
  *(outputs ? &session->outputs : &session->inputs) = infos;
  *(outputs ? &session->output_count : &session->input_count) = count;
  for (size_t i = 0; i < count; i++)
    if (describe_value(api, session->session, outputs, i, &infos[i], error)) return -1;
  return 0;
}

int connx_session_create(connx_library library, const char *model_path, int intra_op_threads,
                         connx_session *session, char **error) {
  *session = NULL, *error = NULL;
  const OrtApi *api = library->api;
  OrtSessionOptions *options = NULL;
  OrtSession *loaded = NULL;
  if (connx_check(api, api->CreateSessionOptions(&options), error)) return -1;
  int failed = connx_check(api, api->SetIntraOpNumThreads(options, intra_op_threads), error) ||
               connx_check(api, api->CreateSession(library->env, model_path, options, &loaded), error);
  api->ReleaseSessionOptions(options);
  if (failed) return -1;
  struct connx_session_s *result = calloc(1, sizeof *result);
  if (result == NULL) {
    api->ReleaseSession(loaded);
    return connx_fail(error, "out of memory");
  }
  result->api = api, result->session = loaded;
  if (describe_values(result, 0, error) || describe_values(result, 1, error)) {
    connx_session_free(result);
    return -1;
  }
  *session = result;
  return 0;
}

static void free_values(connx_value_info *infos, size_t count) {
  for (size_t i = 0; infos != NULL && i < count; i++) free((char *)infos[i].name), free((int64_t *)infos[i].shape);
  free(infos);
}

void connx_session_free(connx_session session) {
  if (session == NULL) return;
  free_values(session->inputs, session->input_count);
  free_values(session->outputs, session->output_count);
  session->api->ReleaseSession(session->session);
  free(session);
}

size_t connx_session_input_count(connx_session session) { return session->input_count; }

size_t connx_session_output_count(connx_session session) { return session->output_count; }

const connx_value_info *connx_session_input(connx_session session, size_t index) { return &session->inputs[index]; }

const connx_value_info *connx_session_output(connx_session session, size_t index) { return &session->outputs[index]; }
