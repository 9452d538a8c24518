/** Errors the domain raises; transports map `code` to HTTP statuses or close codes. */
export type DomainErrorCode = 'invalid' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'too_many';

export class DomainError extends Error {
	constructor(
		readonly code: DomainErrorCode,
		message: string,
		/** The input field at fault, when there is one (`candidate.name`). */
		readonly field?: string
	) {
		super(message);
		this.name = 'DomainError';
	}
}
