package stretchwise

// Red-flag groups: what a yes answer means for the plan.
const (
	// GroupCaudaEquina flags are signs of cauda equina syndrome: stop all
	// exercise and seek emergency care now.
	GroupCaudaEquina = "cauda_equina"
	// GroupRefer flags mean: see a clinician before exercising.
	GroupRefer = "refer"
)

// SourceRedFlags is where the red-flag list and its grouping come from.
const SourceRedFlags = "Finucane et al. 2020, JOSPT 50:350, international framework for red flags"

// RedFlag is one red-flag question of the intake. Question, Said and
// Meaning are the only words a person sees about the flag: every page, plan
// reason and banner takes them from here (the web app reads them from
// GET /api/v1/red-flags), never the code.
type RedFlag struct {
	Code     string `json:"code"`
	Group    string `json:"group"`    // GroupCaudaEquina or GroupRefer
	Question string `json:"question"` // asked in plain words
	Said     string `json:"said"`     // a yes answer told back in plain words ("you have had cancer")
	Meaning  string `json:"meaning"`  // what a yes answer may point to, in plain words
}

// RedFlags lists every red-flag question of the intake, cauda equina signs
// first. Every intake answers each of them; any other code is an error.
var RedFlags = []RedFlag{
	{"bladder_bowel", GroupCaudaEquina,
		"Have you had new trouble passing or holding urine or stools?",
		"you have new trouble passing or holding urine or stools",
		"new bladder or bowel trouble with back pain can be a sign of cauda equina syndrome, pressure on the nerves at the base of the spine"},
	{"saddle_numbness", GroupCaudaEquina,
		"Is there new numbness around your bottom, genitals or inner thighs (where you would sit on a saddle)?",
		"you have new numbness around your bottom, genitals or inner thighs",
		"numbness in the saddle area can be a sign of cauda equina syndrome, pressure on the nerves at the base of the spine"},
	{"bilateral_leg_symptoms", GroupCaudaEquina,
		"Do you have pain, numbness or weakness going down both legs?",
		"you have pain, numbness or weakness going down both legs",
		"symptoms in both legs can be a sign of cauda equina syndrome, pressure on the nerves at the base of the spine"},
	{"progressive_weakness", GroupCaudaEquina,
		"Is one or both of your legs getting weaker, or does your foot drop or catch?",
		"a leg is getting weaker, or your foot drops or catches",
		"leg weakness that is getting worse can mean a nerve is being damaged, as in cauda equina syndrome"},
	{"sexual_dysfunction", GroupCaudaEquina,
		"Have you had new changes in sexual function or sensation?",
		"you have new changes in sexual function or sensation",
		"new sexual dysfunction with back pain can be a sign of cauda equina syndrome, pressure on the nerves at the base of the spine"},
	{"cancer_history", GroupRefer,
		"Have you ever had cancer?",
		"you have had cancer",
		"back pain after a cancer needs a clinician to rule out spread to the spine"},
	{"unexplained_weight_loss", GroupRefer,
		"Have you lost weight recently without trying?",
		"you have lost weight recently without trying",
		"unexplained weight loss with back pain needs a clinician to rule out a serious cause"},
	{"night_pain", GroupRefer,
		"Is the pain constant at night, not eased by lying down or changing position?",
		"your pain is constant at night and not eased by lying down or changing position",
		"pain at rest and at night needs a clinician to rule out a serious cause"},
	{"fever", GroupRefer,
		"Have you had a fever or a recent infection?",
		"you have had a fever or a recent infection",
		"fever or infection with back pain needs a clinician to rule out a spinal infection"},
	{"immunosuppression", GroupRefer,
		"Do you take medicines that weaken the immune system, or have a condition that does?",
		"you take medicines that weaken the immune system, or have a condition that does",
		"a weak immune system raises the risk of a spinal infection"},
	{"iv_drug_use", GroupRefer,
		"Have you injected drugs?",
		"you have injected drugs",
		"injected drugs raise the risk of a spinal infection"},
	{"major_trauma", GroupRefer,
		"Did the pain start after a major accident or fall?",
		"the pain started after a major accident or fall",
		"pain after major trauma needs a clinician to rule out a fracture"},
	{"osteoporosis_or_steroids", GroupRefer,
		"Do you have osteoporosis, or have you taken steroid tablets for months?",
		"you have osteoporosis, or have taken steroid tablets for months",
		"weak bones can break with minor trauma or even loaded bending; a clinician should clear exercise first"},
	{"gait_disturbance", GroupRefer,
		"Has your walking become unsteady or changed?",
		"your walking has become unsteady or changed",
		"a change in walking can be a sign of a nerve problem that needs a clinician"},
}
