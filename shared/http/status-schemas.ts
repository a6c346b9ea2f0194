/** What the complainant can send through the private status link: the domain's schemas (shared/domain/complaint/status-action-schemas.ts). */
export { statusActionSchemas } from '../domain/complaint/status-action-schemas.ts';
