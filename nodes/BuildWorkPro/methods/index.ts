/** The action node's editor methods: `methods: { listSearch, loadOptions }`. */
export {
	FAMILY_OF_ID_PARAMETER,
	ID_PARAMETERS_WITHOUT_LIST,
	ID_PARAMETER_FAMILY_OF_RESOURCE,
	LIST_SEARCH_METHOD_OF_FAMILY,
	listSearch,
	listSearchOf,
} from './listSearch';
export type { ListSearchFamily, ListSearchMode } from './listSearch';
export { loadOptions } from './loadOptions';
