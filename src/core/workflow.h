#ifndef PMM_WORKFLOW_H
#define PMM_WORKFLOW_H
/*
 * The review workflow, in one place: the roles of the platform's accounts,
 * the states of an action, their names (as stored and as written in URLs
 * and JSON) and labels, and who may take which step from which state:
 *
 *   borrador --enviar--> enviada --validar--> validada
 *   devuelta --enviar--> enviada --devolver--> devuelta (with a comment)
 *                        validada --devolver--> devuelta
 *   enviada --retirar--> borrador   (its enlace, before review; issue 11)
 *   borrador --borrar--> (deleted)  (its enlace or a coordinator; issue 11)
 *
 * Pages and the API ask workflow_may(); the store's conditional updates
 * are given workflow_from(), so the rule checked before a write is the one
 * the write itself enforces (docs/web.md, "The workflow").
 */
#include <stdbool.h>

typedef enum { ROLE_ENLACE, ROLE_COORDINADOR, ROLE_ADMINISTRADOR, ROLE__COUNT } Role;

typedef enum { AS_BORRADOR, AS_ENVIADA, AS_VALIDADA, AS_DEVUELTA, AS__COUNT } ActionStatus;

/* A step of the workflow; an edit keeps the state it found. */
typedef enum {
    STEP_EDIT, STEP_SUBMIT, STEP_VALIDATE, STEP_RETURN,
    STEP_WITHDRAW, STEP_DELETE,      /* issue 11 (CAMPAIGN) */
    STEP__COUNT
} WorkflowStep;

/* The name stored in the database and shown ("coordinador"). */
const char *role_name(Role r);
/* False when S names no role. */
bool role_parse(const char *s, Role *out);

const char *status_name(ActionStatus s);
const char *status_label_of(ActionStatus s);
bool status_parse(const char *s, ActionStatus *out);

/* The set of states (bit 1u << ActionStatus) from which WHO may take STEP
 * on an action; OWN: the action is of WHO's institution. 0: never. */
unsigned workflow_from(WorkflowStep step, Role who, bool own);
/* Whether WHO may take STEP on an action in state FROM. */
bool workflow_may(WorkflowStep step, Role who, bool own, ActionStatus from);
/* The state STEP leads to from FROM. */
ActionStatus workflow_to(WorkflowStep step, ActionStatus from);
/* How the audit log names STEP ("editar", "enviar", "validar", "devolver",
 * "retirar", "borrar"). */
const char *workflow_step_name(WorkflowStep step);

#endif
