// Diagnostics on demand: clinic where it works, Node's own CPU and heap profiles always.
export { CLINIC_TOOLS, clinicHtmlSuffix, clinicSupport, parseNodeVersion, type ClinicSupport, type ClinicTool } from './clinic-support.ts';
export { ClinicProcess, clinicBin, type ClinicExit } from './clinic-process.ts';
export { findProfiles, inspectProfile, type ProfileFile } from './profile-files.ts';
export { clinicOutcome, findClinicHtml, runDoctor, type ClinicOutcome, type DoctorOptions, type DoctorResult } from './run-doctor.ts';
export { describeDoctor, doctorExitCode } from './doctor-summary.ts';
