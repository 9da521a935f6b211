/* The roles, the action states and the workflow's rules (workflow.h). */
#include <string.h>
#include "core/workflow.h"
#include "util/i18n.h"

static const char *const roles[ROLE__COUNT] = {
    [ROLE_ENLACE] = "enlace", [ROLE_COORDINADOR] = "coordinador", [ROLE_ADMINISTRADOR] = "administrador",
};

static const struct {
    const char *name, *label;
} statuses[AS__COUNT] = {
    [AS_BORRADOR] = {"borrador", N_("Borrador")},
    [AS_ENVIADA] = {"enviada", N_("Enviada")},
    [AS_VALIDADA] = {"validada", N_("Validada")},
    [AS_DEVUELTA] = {"devuelta", N_("Devuelta")},
};

static const char *const step_names[STEP__COUNT] = {
    [STEP_EDIT] = "editar", [STEP_SUBMIT] = "enviar", [STEP_VALIDATE] = "validar",
    [STEP_RETURN] = "devolver", [STEP_WITHDRAW] = "retirar", [STEP_DELETE] = "borrar",
};

#define BIT(s) (1u << (s))

const char *role_name(Role r) { return (unsigned)r < ROLE__COUNT ? roles[r] : ""; }

bool role_parse(const char *s, Role *out) {
    for (int i = 0; s && i < ROLE__COUNT; i++)
        if (strcmp(s, roles[i]) == 0) {
            *out = (Role)i;
            return true;
        }
    return false;
}

const char *status_name(ActionStatus s) { return (unsigned)s < AS__COUNT ? statuses[s].name : ""; }
const char *status_label_of(ActionStatus s) { return (unsigned)s < AS__COUNT ? _(statuses[s].label) : ""; }

bool status_parse(const char *s, ActionStatus *out) {
    for (int i = 0; s && i < AS__COUNT; i++)
        if (strcmp(s, statuses[i].name) == 0) {
            *out = (ActionStatus)i;
            return true;
        }
    return false;
}

unsigned workflow_from(WorkflowStep step, Role who, bool own) {
    /* What an institution may still change: its drafts and what came back. */
    const unsigned editable = BIT(AS_BORRADOR) | BIT(AS_DEVUELTA);
    bool coord = who == ROLE_COORDINADOR, enlace_own = who == ROLE_ENLACE && own;
    switch (step) {
    case STEP_EDIT:
        /* A coordinator corrects any action, in any state (the state stays). */
        return coord ? BIT(AS_BORRADOR) | BIT(AS_ENVIADA) | BIT(AS_VALIDADA) | BIT(AS_DEVUELTA)
                     : enlace_own ? editable : 0;
    case STEP_SUBMIT:
        return coord || enlace_own ? editable : 0;
    case STEP_VALIDATE:
        return coord ? BIT(AS_ENVIADA) : 0;
    case STEP_RETURN:
        return coord ? BIT(AS_ENVIADA) | BIT(AS_VALIDADA) : 0;
    case STEP_WITHDRAW:
        /* Submitted by mistake: its institution takes it back while no
         * coordinator has reviewed it. */
        return enlace_own ? BIT(AS_ENVIADA) : 0;
    case STEP_DELETE:
        /* Only a draft: what was submitted once stays on record. */
        return coord || enlace_own ? BIT(AS_BORRADOR) : 0;
    default:
        return 0;
    }
}

bool workflow_may(WorkflowStep step, Role who, bool own, ActionStatus from) {
    return (workflow_from(step, who, own) & BIT(from)) != 0;
}

ActionStatus workflow_to(WorkflowStep step, ActionStatus from) {
    switch (step) {
    case STEP_SUBMIT: return AS_ENVIADA;
    case STEP_VALIDATE: return AS_VALIDADA;
    case STEP_RETURN: return AS_DEVUELTA;
    case STEP_WITHDRAW: return AS_BORRADOR;
    default: return from;
    }
}

const char *workflow_step_name(WorkflowStep step) {
    return (unsigned)step < STEP__COUNT ? step_names[step] : "";
}
